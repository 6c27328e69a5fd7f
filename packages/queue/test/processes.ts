import { execFileSync } from 'node:child_process';

/** Live child processes of `parent` (Linux `ps`), the `ps` that lists them left out. */
export function childrenOf(parent = process.pid): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(parent)])
      .toString()
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, command]) => command !== 'ps')
      .map(([pid]) => Number(pid))
      .filter((pid) => pid > 0);
  } catch {
    return [];
  }
}

/** The command line of a process, as `ps` and /proc show it to anyone on the machine. */
export function commandLine(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)]).toString();
  } catch {
    return '';
  }
}

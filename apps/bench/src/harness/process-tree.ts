import type { ChildProcess } from 'node:child_process';

/**
 * Kills a child started with `detached: true` together with everything it started: it leads its own process group,
 * so the group's id is its pid. Elsewhere (Windows) only the child itself. Never throws: the group may be gone.
 */
export function killProcessTree(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: nothing left to kill.
  }
}

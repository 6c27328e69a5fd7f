import { readdirSync, readFileSync } from 'node:fs';

/**
 * The processes a strategy started below the point's process (a process
 * pool's children), read from Linux's /proc so their CPU time and memory are
 * counted with the point's own. Elsewhere there is no /proc and the lists are
 * empty: only the point's own process is measured there.
 */

/** /proc reports times in USER_HZ, which is 100 on every Linux architecture Node runs on. */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  /** utime + stime, in ms. */
  readonly cpuMs: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name (field 2) is in parentheses and may hold spaces or ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // After the name: state, ppid, …; utime and stime are fields 14 and 15 of the whole line.
    const ppid = Number(fields[1]);
    const ticks = Number(fields[11]) + Number(fields[12]);
    if (!Number.isFinite(ppid) || !Number.isFinite(ticks)) return undefined;
    return { pid, ppid, cpuMs: (ticks * 1000) / TICKS_PER_SECOND };
  } catch {
    return undefined; // gone, or no /proc
  }
}

function allStats(): ProcStat[] {
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return [];
  }
  return names
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is ProcStat => stat !== undefined);
}

/** CPU ms (user + system so far) of one process; undefined when it is gone or there is no /proc. */
export function processCpuMs(pid: number): number | undefined {
  return readStat(pid)?.cpuMs;
}

/** Every living descendant of `root`: its CPU ms (user + system so far), by pid. */
export function descendants(root = process.pid): Map<number, number> {
  const stats = allStats();
  const children = new Map<number, ProcStat[]>();
  for (const stat of stats) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
  const found = new Map<number, number>();
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      if (found.has(child.pid)) continue;
      found.set(child.pid, child.cpuMs);
      visit(child.pid);
    }
  };
  visit(root);
  return found;
}

/**
 * CPU ms the descendants spent between two snapshots: a process present in
 * both counts its difference, one started in between counts all of its time.
 * A process that ended in between is not counted (its time is gone with it).
 */
export function cpuSpentMs(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return Math.max(0, total);
}

/**
 * Memory of the given processes, summed, from /proc/<pid>/status: `VmRSS` now,
 * or `VmHWM`, the highest each reached (summed, an upper bound of their peak
 * together). Processes that are gone count 0.
 */
export function rssBytesOf(pids: Iterable<number>, field: 'VmRSS' | 'VmHWM'): number {
  const line = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm');
  let total = 0;
  for (const pid of pids) {
    try {
      const match = line.exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
      if (match) total += Number(match[1]) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}

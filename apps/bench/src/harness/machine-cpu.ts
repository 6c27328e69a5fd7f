import { readFileSync } from 'node:fs';
import { processCpuMs } from './descendants.js';

/** /proc/stat counts in USER_HZ, which is 100 on every Linux architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time every processor of the machine has spent busy (user, nice, system, irq, softirq, and steal: time the
 * hypervisor gave to another guest), in ms, from /proc/stat's first line; undefined without /proc.
 */
export function machineBusyMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'latin1').slice(0, 256).split('\n')[0]?.trim().split(/\s+/) ?? [];
    if (fields[0] !== 'cpu') return undefined;
    // cpu user nice system idle iowait irq softirq steal …
    const busy = [1, 2, 3, 6, 7, 8].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
    return Number.isFinite(busy) ? (busy * 1000) / TICKS_PER_SECOND : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU the rest of the machine spent while a region ran (Linux): every processor's busy time less what the point
 * used (its process tree: `ownMs`, measured by the caller), the target server's process and the orchestrator that
 * waits for the point. What is left is other people's work (or a hypervisor's): a point that shared its cores
 * cannot be told apart from a slower one by its batch time alone, so the report says it. /proc/stat counts in
 * 10 ms ticks per processor: a window of a few batches is noisy by a few tens of ms.
 */
export function otherCpuMeter(serverPid: number | undefined) {
  const watched = [process.ppid, ...(serverPid === undefined ? [] : [serverPid])];
  const watchedMs = () => watched.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
  let totalMs = 0;
  let known = true;
  let machineStart: number | undefined;
  let watchedStart = 0;
  return {
    start(): void {
      machineStart = machineBusyMs();
      watchedStart = watchedMs();
    },
    /** `ownMs`: the point's own CPU over the same region. */
    stop(ownMs: number): void {
      const machineEnd = machineBusyMs();
      if (machineStart === undefined || machineEnd === undefined) {
        known = false;
        return;
      }
      totalMs += machineEnd - machineStart - ownMs - (watchedMs() - watchedStart);
    },
    /** Undefined where /proc/stat cannot be read. Never below 0 (tick rounding can make it so). */
    get totalMs(): number | undefined {
      return known ? Math.max(0, totalMs) : undefined;
    },
  };
}

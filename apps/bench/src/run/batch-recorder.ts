import { constants, PerformanceObserver } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { TimedBatchFigures } from '../model/schema-parts.js';

interface Collection {
  readonly start: number;
  readonly end: number;
  readonly full: boolean;
}

/**
 * Each timed batch's wall time, CPU and the garbage collection in it, so a batch that took longer than its point's
 * others can be told apart: more collecting, more CPU for the same work, or the same CPU spread over more time (the
 * machine or the server). Collections are the point's main thread's, as Node reports them (`gc` performance entries:
 * scavenges, incremental marking steps, mark-compacts; points run with `--single-threaded-gc`, so a collection's work
 * is on that thread); a worker thread's or a child process's are not seen. A collection counts for the batch its
 * pause began in. Made before the warm-up (run/point.ts): collections are observed from then on, and only those
 * inside a kept batch count.
 */
export function timedBatchRecorder() {
  const collections: Collection[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // A gc entry's detail names its kind (Node's typings here do not declare it).
      const { detail } = entry as { detail?: { kind?: number } };
      const kind = detail?.kind;
      collections.push({
        start: entry.startTime,
        end: entry.startTime + entry.duration,
        full: kind === constants.NODE_PERFORMANCE_GC_MAJOR,
      });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  const windows: { start: number; end: number; cpuMs: number }[] = [];
  let started = 0;
  let ended = 0;
  return {
    /** The batch's clock starts (the harness's own reads before it). */
    start(): void {
      started = performance.now();
    },
    /** The batch's clock stops (before the harness reads its CPU). */
    stop(): void {
      ended = performance.now();
    },
    /** Keeps the batch just stopped, with its CPU; a batch not kept (cut short by Ctrl-C) is not recorded. */
    keep(cpuMs: number): void {
      windows.push({ start: started, end: ended, cpuMs });
    },
    /** The batches recorded, with their collections; stops observing. */
    async finish(): Promise<TimedBatchFigures[]> {
      // Node queues the entries of the last collections; they are delivered on a later turn.
      await nextTurn();
      await nextTurn();
      observer.disconnect();
      return windows.map(({ start, end, cpuMs }) => {
        const inside = collections.filter((gc) => gc.start >= start && gc.start < end);
        return {
          ms: end - start,
          cpuMs,
          gcMs: inside.reduce((sum, gc) => sum + (gc.end - gc.start), 0),
          fullGcs: inside.filter((gc) => gc.full).length,
        };
      });
    },
    /** Stops observing (idempotent); what `finish` has not read is dropped. */
    close(): void {
      observer.disconnect();
    },
  };
}

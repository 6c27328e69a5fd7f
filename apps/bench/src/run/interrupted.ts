import type { InterruptedRun } from '../model/schema.js';
import type { createBatchCollector } from './collector.js';
import type { PointKey } from './point-key.js';

type Summary = ReturnType<ReturnType<typeof createBatchCollector>['summary']>;

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The point that was running at Ctrl-C, with what its timed batches completed (the batch cut short included, its
 * aborted jobs not): counts, failures per code, latency percentiles. No batch time: nothing was fully measured.
 */
export function interruptedRun(key: PointKey, summary: Summary, plannedBatches: number): InterruptedRun {
  const { totals, latency } = summary;
  const completedJobs = totals.succeeded + totals.failed;
  return {
    ...key,
    skipped: `interrupted after ${count(completedJobs)} of ${count(key.jobs * plannedBatches)} timed jobs`,
    interrupted: true,
    completedJobs,
    completedBatches: totals.batches,
    succeeded: totals.succeeded,
    failed: totals.failed,
    errors: { ...totals.errors },
    latencyMs: { p50: latency.p50, p90: latency.p90, p99: latency.p99, max: latency.max },
  };
}

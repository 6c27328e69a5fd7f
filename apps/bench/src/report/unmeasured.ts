import { formatMs } from '../format.js';
import { isInterrupted, type SkippedRun } from '../model/schema.js';

/**
 * One line for a point without a batch time: why it was skipped, or, for the point cut short by Ctrl-C, what it
 * completed ("interrupted after 1,234 of 5,000 timed jobs: 1,230 ok, 4 failed (TIMEOUT 4), p50 5.10 ms, p99 9.00 ms").
 */
export function describeUnmeasured(run: SkippedRun): string {
  if (!isInterrupted(run)) return `skipped: ${run.skipped}`;
  if (run.completedJobs === 0) return run.skipped;
  const failures = Object.entries(run.errors)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
  const failed = `${run.failed} failed${failures ? ` (${failures})` : ''}`;
  return `${run.skipped}: ${run.succeeded} ok, ${failed}, p50 ${formatMs(run.latencyMs.p50)}, p99 ${formatMs(run.latencyMs.p99)}`;
}

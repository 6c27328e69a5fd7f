import { checkValue, countErrors, createLatencyRecorder, type Job, type JobResult } from '@fanout/core';
import { createWireTally } from './wire-tally.js';

interface BatchCounts {
  readonly succeeded: number;
  readonly failed: number;
  readonly bytes: number;
  readonly errors: Record<string, number>;
}

/**
 * Aggregates timed batches as they finish (bodies are never kept): per-request
 * latency, totals, and the worst batch. Refuses a batch that lost, duplicated
 * or reordered a job, or whose computed value is wrong (a cpu sum, a mixed
 * digest, a decoded body that is not the page's size): that is a broken strategy, not a slow one.
 */
export function createBatchCollector(
  jobs: readonly Job[],
  strategy: string,
  bodyBytes?: Readonly<Record<string, number>>,
) {
  const latency = createLatencyRecorder();
  const wire = createWireTally();
  let batches = 0;
  let worst: BatchCounts | undefined;
  const totals = { succeeded: 0, failed: 0, attempts: 0, errors: {} as Record<string, number> };
  return {
    add(results: readonly JobResult[]): void {
      if (results.length !== jobs.length) {
        throw new Error(`${strategy} returned ${results.length} results for ${jobs.length} jobs`);
      }
      let succeeded = 0;
      let bytes = 0;
      results.forEach((result, index) => {
        if (result.id !== jobs[index]?.id) {
          throw new Error(`${strategy} returned job ${result.id} where job ${jobs[index]?.id} belongs`);
        }
        const wrong = checkValue(jobs[index] as Job, result) ?? wrongSize(jobs[index] as Job, result, bodyBytes);
        if (wrong) throw new Error(`${strategy} computed a wrong value: ${wrong}`);
        if (result.ok) succeeded += 1;
        bytes += result.bytes;
        wire.add(result);
        totals.attempts += result.attempts;
        latency.record(result.endMs - result.startMs);
      });
      const errors = countErrors(results);
      const batch = { succeeded, failed: results.length - succeeded, bytes, errors };
      batches += 1;
      totals.succeeded += batch.succeeded;
      totals.failed += batch.failed;
      for (const [code, n] of Object.entries(errors)) totals.errors[code] = (totals.errors[code] ?? 0) + n;
      if (!worst || batch.failed >= worst.failed) worst = batch;
    },
    /**
     * The batch cut short by Ctrl-C: its finished jobs join the totals and the latency, the aborted ones are left
     * out; it is not counted as a batch (it was not a measurement).
     */
    addInterrupted(results: readonly JobResult[]): void {
      const finished = results.filter((result) => result.ok || result.error.code !== 'ABORTED');
      for (const result of finished) {
        totals.attempts += result.attempts;
        latency.record(result.endMs - result.startMs);
      }
      const succeeded = finished.filter((result) => result.ok).length;
      totals.succeeded += succeeded;
      totals.failed += finished.length - succeeded;
      for (const [code, n] of Object.entries(countErrors(finished)))
        totals.errors[code] = (totals.errors[code] ?? 0) + n;
    },
    summary() {
      return {
        batches,
        worst: worst ?? { succeeded: 0, failed: 0, bytes: 0, errors: {} },
        totals: { batches, ...totals, ...wire.summary() },
        latency: latency.summary(),
      };
    },
  };
}

/** A success whose (decoded) body is not the size the target says its page is, in words; undefined when it is. */
function wrongSize(job: Job, result: JobResult, bodyBytes: Readonly<Record<string, number>> | undefined) {
  if (!result.ok || job.kind === 'cpu') return undefined;
  const expected = bodyBytes?.[job.url];
  if (expected === undefined || result.bytes === expected) return undefined;
  return `job ${job.id}: ${result.bytes} body bytes (decoded) where ${job.url} has ${expected}`;
}

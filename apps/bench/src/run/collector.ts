import {
  checkValue,
  countErrors,
  createLatencyRecorder,
  type Job,
  type JobResult,
  type PageExpectation,
} from '@fanout/core';
import type { PageCheck } from '../model/schema.js';
import { createWireTally } from './wire-tally.js';

/** What each URL's successful jobs must return, by URL (only the checks the harness could make). */
export type PageExpectations = ReadonlyMap<string, PageExpectation>;

export function pageExpectations(pages: readonly PageCheck[] | undefined): PageExpectations {
  const map = new Map<string, PageExpectation>();
  for (const { url, bytes, digest } of pages ?? []) {
    if (bytes !== undefined || digest !== undefined) {
      map.set(url, { ...(bytes !== undefined ? { bytes } : {}), ...(digest !== undefined ? { digest } : {}) });
    }
  }
  return map;
}

/**
 * Throws, naming the job, what was expected and what came back, when a batch lost, duplicated or reordered a job,
 * or when a successful job's value is wrong: a cpu sum, a page's byte count, a mixed job's hash chain. That is a
 * broken strategy, not a slow one: its point fails with this reason.
 */
export function checkBatch(
  jobs: readonly Job[],
  results: readonly JobResult[],
  strategy: string,
  pages: PageExpectations,
): void {
  if (results.length !== jobs.length) {
    throw new Error(`${strategy} returned ${results.length} results for ${jobs.length} jobs`);
  }
  for (let index = 0; index < jobs.length; index++) {
    const job = jobs[index] as Job;
    const result = results[index] as JobResult;
    if (result.id !== job.id) throw new Error(`${strategy} returned job ${result.id} where job ${job.id} belongs`);
    const wrong = checkValue(job, result, 'url' in job ? pages.get(job.url) : undefined);
    if (wrong) throw new Error(`${strategy} returned a wrong result: ${wrong}`);
  }
}

interface BatchCounts {
  readonly succeeded: number;
  readonly failed: number;
  readonly bytes: number;
  readonly errors: Record<string, number>;
}

/**
 * Aggregates timed batches as they finish (bodies are never kept): per-request
 * latency, totals, and the worst batch. Refuses a batch that `checkBatch`
 * refuses.
 */
export function createBatchCollector(jobs: readonly Job[], strategy: string, pages: PageExpectations = new Map()) {
  const latency = createLatencyRecorder();
  const wire = createWireTally();
  let batches = 0;
  let worst: BatchCounts | undefined;
  const totals = { succeeded: 0, failed: 0, attempts: 0, errors: {} as Record<string, number> };
  return {
    add(results: readonly JobResult[]): void {
      checkBatch(jobs, results, strategy, pages);
      let succeeded = 0;
      let bytes = 0;
      results.forEach((result) => {
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

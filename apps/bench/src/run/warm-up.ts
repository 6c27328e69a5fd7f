import type { Job, Strategy } from '@fanout/core';
import { createBatchCollector } from './collector.js';

/** Warm-up time a point may spend on whole batches, and how many at most. */
export const WARM_UP_BUDGET_MS = 1000;
const WARM_UP_MAX_BATCHES = 20;

/**
 * Untimed runs before the timed batches, in the point's fresh process, where
 * nothing is compiled, no connection is open and the heap is small: first
 * enough jobs to use every lane twice, then whole batches while they fit in
 * WARM_UP_BUDGET_MS (a fast point gets many, a 13 s batch none). Without the
 * whole batches a fast point's first timed batches would measure the JIT.
 * Results are checked, not recorded. Returns the whole batches run.
 */
export async function warmUp(
  strategy: Strategy,
  jobs: readonly Job[],
  concurrency: number,
  name: string,
  signal: AbortSignal,
): Promise<number> {
  const started = performance.now();
  const first = jobs.slice(0, Math.max(2 * concurrency, 20));
  createBatchCollector(first, name).add(await strategy.run(first, signal));
  // A whole batch is estimated from the first run (per job), then from the last whole batch.
  let batchMs = ((performance.now() - started) / first.length) * jobs.length;
  let batches = 0;
  const check = createBatchCollector(jobs, name);
  while (
    !signal.aborted &&
    batches < WARM_UP_MAX_BATCHES &&
    performance.now() - started + batchMs <= WARM_UP_BUDGET_MS
  ) {
    const batchStarted = performance.now();
    check.add(await strategy.run(jobs, signal));
    batchMs = performance.now() - batchStarted;
    batches += 1;
  }
  return batches;
}

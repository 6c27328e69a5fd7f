import type { Job, Strategy } from '@fanout/core';
import { createBatchCollector } from './collector.js';

/** Warm-up time a point may spend on more whole batches after the first WHOLE_WARM_UP_BATCHES, and how many at most. */
export const WARM_UP_BUDGET_MS = 1000;
const WARM_UP_MAX_BATCHES = 20;
/** Whole untimed batches every point (estimated at most WHOLE_WARM_UP_MAX_MS a batch) and every Node peer runs first. */
export const WHOLE_WARM_UP_BATCHES = 2;
export const WHOLE_WARM_UP_MAX_MS = 5000;

/**
 * Untimed runs before the timed batches, in the point's fresh process, where
 * nothing is compiled, no connection is open and the heap is small: twice a
 * slice that uses every lane twice (the first opens the connections and is
 * cold; the second, warmer, estimates a whole batch; a batch no larger than
 * the slice skips this), then
 * WHOLE_WARM_UP_BATCHES whole batches when one is estimated at most
 * WHOLE_WARM_UP_MAX_MS, then more while they fit in WARM_UP_BUDGET_MS (a
 * fast point gets many, a 13 s batch none). Without whole batches the first
 * timed batches measured the JIT: 20,000 jobs at W = 50 took ~700 ms, then
 * ~450, then ~380 ms; the point had been estimated from its cold slice at
 * 10 s, so it got no whole warm-up and its mean carried those batches. Results are checked, not recorded.
 */
export async function warmUp(
  strategy: Strategy,
  jobs: readonly Job[],
  concurrency: number,
  name: string,
  signal: AbortSignal,
): Promise<void> {
  const size = Math.max(2 * concurrency, 20);
  // Unknown until measured: a batch no longer than the slice is warmed up whole straight away.
  let batchMs = 0;
  if (jobs.length > size) {
    const slice = jobs.slice(0, size);
    const sliceCheck = createBatchCollector(slice, name);
    sliceCheck.add(await strategy.run(slice, signal));
    if (signal.aborted) return;
    const sliceStarted = performance.now();
    sliceCheck.add(await strategy.run(slice, signal));
    // A whole batch is estimated from the second slice (per job), then from the last whole batch.
    batchMs = ((performance.now() - sliceStarted) / slice.length) * jobs.length;
  }
  let batches = 0;
  const check = createBatchCollector(jobs, name);
  const wholeStarted = performance.now();
  while (
    !signal.aborted &&
    batches < WARM_UP_MAX_BATCHES &&
    ((batches < WHOLE_WARM_UP_BATCHES && batchMs <= WHOLE_WARM_UP_MAX_MS) ||
      performance.now() - wholeStarted + batchMs <= WARM_UP_BUDGET_MS)
  ) {
    const batchStarted = performance.now();
    check.add(await strategy.run(jobs, signal));
    batchMs = performance.now() - batchStarted;
    batches += 1;
  }
}

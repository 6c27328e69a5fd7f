/**
 * The one warm-up rule every client follows before its timed batches: the points (run/warm-up.ts), the Node peers
 * in their own process, the Python peers (driven step by step from peers/python.ts), wrk (runs sized in requests),
 * and the calibration. It imports nothing, so a peer's process that follows it loads nothing it does not measure.
 *
 * Untimed, in order:
 * 1. `slices` runs of the batch's first `sliceJobs(W)` jobs (skipped when a batch is no larger): the first opens the
 *    connections cold, the second, warmer, estimates a whole batch (per job);
 * 2. whole batches: at least `wholeBatches` when one is estimated at most `wholeBatchMaxMs`, then more while the
 *    whole batches' time plus one more stays within `budgetMs` (a fast client gets many, a 13 s batch none), at most
 *    `maxBatches`.
 *
 * Why: without whole batches a fresh process's first timed batches measured the JIT (20,000 jobs at W = 50: ~700,
 * then ~450, then ~380 ms), and a batch estimated from a cold slice (10 s) got no whole warm-up at all.
 */
export const WARM_UP_RULE = {
  slices: 2,
  wholeBatches: 2,
  wholeBatchMaxMs: 5000,
  budgetMs: 1000,
  maxBatches: 20,
} as const;

/** Jobs in a warm-up slice: every lane used twice, and never fewer than 20. */
export function sliceJobs(concurrency: number): number {
  return Math.max(2 * concurrency, 20);
}

/**
 * Runs the batch's first `jobs` jobs (all of them: a whole batch) and resolves with the milliseconds they took; a
 * tool that runs for whole seconds (wrk) resolves with what `jobs` requests took at its rate and how long it ran.
 */
export type WarmUpRun = (jobs: number) => Promise<number | WarmUpTiming>;

export interface WarmUpTiming {
  /** Time of `jobs` requests at the rate the run measured: what estimates a batch. */
  readonly jobsMs: number;
  /** Time the run really took: what the warm-up budget counts. */
  readonly elapsedMs: number;
}

/** What a client's warm-up did. */
export interface WarmUpDone {
  readonly slices: number;
  readonly wholeBatches: number;
  /** Jobs run in all, slices included. */
  readonly jobs: number;
  /** Time of every warm-up run together. */
  readonly ms: number;
}

/** Follows the rule for a batch of `jobs` at concurrency W; `stopped` ends it early (Ctrl-C). */
export async function followWarmUpRule(
  jobs: number,
  concurrency: number,
  run: WarmUpRun,
  stopped: () => boolean = () => false,
): Promise<WarmUpDone> {
  const rule = WARM_UP_RULE;
  const size = sliceJobs(concurrency);
  const timed = async (count: number): Promise<WarmUpTiming> => {
    const took = await run(count);
    return typeof took === 'number' ? { jobsMs: took, elapsedMs: took } : took;
  };
  let slices = 0;
  let wholeBatches = 0;
  let jobsRun = 0;
  let ms = 0;
  // Unknown until measured: a batch no larger than a slice is warmed up whole straight away.
  let estimateMs = 0;
  if (jobs > size) {
    while (slices < rule.slices && !stopped()) {
      const slice = await timed(size);
      slices += 1;
      jobsRun += size;
      ms += slice.elapsedMs;
      estimateMs = (slice.jobsMs / size) * jobs;
    }
  }
  let wholeMs = 0;
  // What the next whole batch will cost the budget: the estimate, then the last batch's real time.
  let nextMs = estimateMs;
  while (
    !stopped() &&
    wholeBatches < rule.maxBatches &&
    ((wholeBatches < rule.wholeBatches && estimateMs <= rule.wholeBatchMaxMs) || wholeMs + nextMs <= rule.budgetMs)
  ) {
    const batch = await timed(jobs);
    wholeBatches += 1;
    jobsRun += jobs;
    wholeMs += batch.elapsedMs;
    estimateMs = batch.jobsMs;
    nextMs = batch.elapsedMs;
  }
  return { slices, wholeBatches, jobs: jobsRun, ms: ms + wholeMs };
}

import { describe, expect, it } from 'vitest';
import { followWarmUpRule, type WarmUpTiming } from '../src/harness/warm-up-rule.js';

/** The warm-up a client with this timing gets: the job counts it is asked to run, in order. */
async function asked(jobs: number, concurrency: number, took: (count: number) => number | WarmUpTiming) {
  const runs: number[] = [];
  const done = await followWarmUpRule(jobs, concurrency, async (count) => {
    runs.push(count);
    return took(count);
  });
  return { runs, done };
}

describe('the one warm-up rule', () => {
  it('runs two slices of max(2W, 20) jobs, then two whole batches, then no more past 1 s', async () => {
    // 20,000 jobs at 20 µs each: a 400 ms batch.
    const { runs, done } = await asked(20_000, 50, (count) => count * 0.02);
    expect(runs).toEqual([100, 100, 20_000, 20_000]);
    expect(done).toEqual({ slices: 2, wholeBatches: 2, jobs: 40_200, ms: 804 });
  });

  it('gives a fast batch more whole batches while they fit in 1 s, at most 20', async () => {
    expect((await asked(200, 4, (count) => count * 0.05)).runs).toEqual([20, 20, ...Array(20).fill(200)]);
    expect((await asked(200, 4, (count) => count * 1.5)).runs).toEqual([20, 20, 200, 200, 200]);
  });

  it('gives a batch estimated above 5 s no whole batch', async () => {
    expect((await asked(200, 1, (count) => count * 30)).runs).toEqual([20, 20]);
  });

  it('estimates from the second, warmer slice', async () => {
    let slices = 0;
    const { runs } = await asked(1000, 10, (count) => (count === 20 ? (slices++ === 0 ? 1000 : 20) : count));
    // Cold: 50 ms a job, 50 s a batch; warm: 1 ms a job, 1 s a batch: two whole batches.
    expect(runs).toEqual([20, 20, 1000, 1000]);
  });

  it('warms a batch no larger than a slice up whole straight away', async () => {
    expect((await asked(8, 4, () => 300)).runs).toEqual([8, 8, 8]);
  });

  it('counts the real time of a run for the budget and its rate for the estimate (wrk: whole seconds)', async () => {
    const { runs, done } = await asked(20_000, 50, (count) => ({ jobsMs: count * 0.02, elapsedMs: 1000 }));
    expect(runs).toEqual([100, 100, 20_000, 20_000]);
    expect(done.ms).toBe(4000);
  });

  it('stops when told to', async () => {
    let count = 0;
    const done = await followWarmUpRule(
      20_000,
      50,
      async () => {
        count += 1;
        return 1;
      },
      () => count >= 3,
    );
    expect(done).toMatchObject({ slices: 2, wholeBatches: 1 });
  });
});

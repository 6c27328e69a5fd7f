import type { Job, Strategy } from '@fanout/core';
import { followWarmUpRule, WARM_UP_RULE } from '../harness/warm-up-rule.js';
import { createBatchCollector } from './collector.js';
import { letGo } from './let-go.js';

/** The most time a point's warm-up spends on whole batches past the first two (deadline.ts allows for it). */
export const WARM_UP_BUDGET_MS = WARM_UP_RULE.budgetMs;

/**
 * Untimed runs before the timed batches, in the point's fresh process, where nothing is compiled, no connection is
 * open and the heap is small: the warm-up rule every client follows (harness/warm-up-rule.ts). Only `strategy.run`
 * is timed; the results are checked (a slice or a batch that loses a job fails the point), not recorded.
 */
export async function warmUp(
  strategy: Strategy,
  jobs: readonly Job[],
  concurrency: number,
  name: string,
  signal: AbortSignal,
): Promise<void> {
  await followWarmUpRule(
    jobs.length,
    concurrency,
    async (count) => {
      const batch = count === jobs.length ? jobs : jobs.slice(0, count);
      const check = createBatchCollector(batch, name);
      const started = performance.now();
      const results = await strategy.run(batch, signal);
      const ms = performance.now() - started;
      check.add(results);
      letGo(results);
      return ms;
    },
    () => signal.aborted,
  );
}

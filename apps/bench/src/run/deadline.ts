import { backoffMs } from '@fanout/core/http';
import { WARM_UP_BUDGET_MS } from './warm-up.js';

/** Creating the strategy: a fixed allowance plus one per lane (a worker thread takes ~130 ms here; 4× for load). */
const STARTUP_BASE_MS = 30_000;
const STARTUP_PER_LANE_MS = 500;
/** Spawning the child, loading modules, closing the strategy, sending the result. */
const PROCESS_ALLOWANCE_MS = 60_000;

export interface DeadlineInput {
  readonly concurrency: number;
  readonly jobs: number;
  readonly iterations: number;
  readonly timeMs: number;
  readonly timeoutMs: number;
  readonly retries: number;
}

/**
 * How long a point's child may run before it is judged hung and its process tree killed. Generous on purpose: only
 * a strategy that ignores its own deadlines should ever reach it.
 *
 *   job     = (retries + 1) × timeout + the longest backoff before each retry    (one job's worst case)
 *   batch   = ceil(jobs ÷ W) × job                                              (W lanes, every job at its worst)
 *   batches = iterations + 4 for the warm-up (its two slices, its two whole batches, and one that may overrun its
 *             1 s budget)
 *             (+ 1 and the --time budget when one is set: tinybench may go on)
 *   start   = 30 s + 0.5 s × W
 *   deadline = 2 × (start + 1 s + batches × batch + time) + 60 s
 */
export function pointDeadlineMs(input: DeadlineInput): number {
  let jobMs = (input.retries + 1) * input.timeoutMs;
  for (let attempt = 1; attempt <= input.retries; attempt++) jobMs += backoffMs(attempt, () => 1);
  const batchMs = Math.ceil(input.jobs / input.concurrency) * jobMs;
  const batches = input.iterations + 4 + (input.timeMs > 0 ? 1 : 0);
  const startMs = STARTUP_BASE_MS + STARTUP_PER_LANE_MS * input.concurrency;
  return 2 * (startMs + WARM_UP_BUDGET_MS + batches * batchMs + input.timeMs) + PROCESS_ALLOWANCE_MS;
}

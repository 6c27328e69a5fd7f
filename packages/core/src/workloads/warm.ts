import { sumOfSquares } from './cpu.js';

/**
 * Runs the cpu workload's loop a few hundred times on small inputs, so a fresh
 * V8 (a pool's child process) has its feedback before the first timed job.
 * Measured on the process pool (24 jobs of n = 50,000,000, W = 2): the first
 * batches took 2.5 s without it and 0.96 s with it, 0.34 s once warm. Part of
 * the pool's start-up, which is reported on its own. (In piscina worker threads
 * the same warm-up made things worse; see docs/performance.md.)
 */
export function warmComputation(): void {
  for (let round = 0; round < 200; round++) sumOfSquares(20_000 + round);
}

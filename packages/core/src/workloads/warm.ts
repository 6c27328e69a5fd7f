import { sumOfSquares } from './cpu.js';

/**
 * Runs the cpu workload's loop a few hundred times on small inputs (about 4
 * million iterations), so a fresh V8 (a pool's child process) has optimised it
 * before the first timed job. It helped the single-loop version (first batches
 * 2.5 s → 0.96 s); with the blocked loop (cpu.ts) it costs a few milliseconds of
 * the pool's start-up, reported on its own, and was not re-measured. See
 * docs/performance.md.
 */
export function warmComputation(): void {
  for (let round = 0; round < 200; round++) sumOfSquares(20_000 + round);
}

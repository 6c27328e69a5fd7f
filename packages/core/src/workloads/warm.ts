import { sumOfSquares } from './cpu.js';

/**
 * Runs the cpu workload's loop a few hundred times on small inputs, so a fresh
 * V8 (a pool's child process) has optimised it before the first timed job.
 * Since the loop runs in blocks (cpu.ts), the first job is already fast in a
 * fresh V8; this costs about a millisecond of the pool's start-up, which is
 * reported on its own. See docs/performance.md.
 */
export function warmComputation(): void {
  for (let round = 0; round < 200; round++) sumOfSquares(20_000 + round);
}

import { availableParallelism } from 'node:os';
import { defineStrategy } from '@fanout/core';
import { createProcessPool } from './pool.js';

export { createProcessPool, type ProcessPoolSettings } from './pool.js';

// dist/child.js from both src/ (tests) and dist/ (built): the child runs compiled JS.
const CHILD_FILE = new URL('../dist/child.js', import.meta.url).pathname;

/** Splits `total` into `parts` near-equal positive integers (sum = total). */
export function spread(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.floor(total / parts) + (index < total % parts ? 1 : 0));
}

/**
 * One process per core (at most W), each a whole Node with its own connections
 * and W ÷ processes jobs in flight, jobs sent in chunks: the Python post's
 * ProcessPoolExecutor, measured with the same contract.
 */
export const strategy = defineStrategy({
  name: 'process-pool',
  create: (options) => {
    const processes = Math.max(1, Math.min(options.concurrency, availableParallelism()));
    const lanes = spread(options.concurrency, processes);
    const widest = Math.max(...lanes);
    const chunkSize = (jobs: number) =>
      Math.max(1, Math.min(1024, Math.max(4 * widest, Math.ceil(jobs / (4 * processes)))));
    return createProcessPool(options, {
      childFile: CHILD_FILE,
      lanes,
      chunkSize,
      description: `${processes} process${processes === 1 ? '' : 'es'} × ${lanes.join('/')} in flight, chunks of max(${4 * widest}, jobs ÷ ${4 * processes}) ≤ 1024 jobs`,
    });
  },
});

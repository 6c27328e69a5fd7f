import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { chunkRule, defineStrategy, describeChunks, spread } from '@fanout/core';
import { createProcessPool } from './pool.js';

export { createProcessPool, type ProcessPoolSettings } from './pool.js';

// dist/child.js from both src/ (tests) and dist/ (built): the child runs compiled JS.
const CHILD_FILE = fileURLToPath(new URL('../dist/child.js', import.meta.url));

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
    return createProcessPool(options, {
      childFile: CHILD_FILE,
      lanes,
      chunkSize: chunkRule(processes, widest),
      description: `${processes} process${processes === 1 ? '' : 'es'} × ${lanes.join('/')} in flight, ${describeChunks(processes, widest)}`,
    });
  },
});

import { defineStrategy } from '@fanout/core';
import { createPoolStrategy } from './pool-strategy.js';

export { DEFAULT_MAX_THREADS, maxThreads, refuseThreads } from './limits.js';
export { createPoolStrategy, type PoolSettings } from './pool-strategy.js';

// Resolves to dist/worker.js from both src/ (tests) and dist/ (built): Node 20
// cannot run TypeScript inside a worker thread.
const WORKER_FILE = new URL('../dist/worker.js', import.meta.url).href;

/**
 * piscina with `concurrency` worker threads, each owning its own undici Agent:
 * the Node analogue of ThreadPoolExecutor with one requests.Session per thread.
 */
export const strategy = defineStrategy({
  name: 'thread-pool',
  create: (options) => createPoolStrategy(options, { workerFile: WORKER_FILE }),
});

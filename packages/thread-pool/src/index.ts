import { defineStrategy, type StrategyOptions } from '@fanout/core';
import { chunkedLayout, hybridLayout, type Layout, perJobLayout } from './layout.js';
import { createPoolStrategy } from './pool-strategy.js';

export { chunkedLayout, hybridLayout, type Layout, perJobLayout } from './layout.js';
export { DEFAULT_MAX_THREADS, maxThreads, refuseThreads } from './limits.js';
export { createPoolStrategy, type PoolSettings } from './pool-strategy.js';

// Resolves to dist/worker.js from both src/ (tests) and dist/ (built): Node 20
// cannot run TypeScript inside a worker thread.
const WORKER_FILE = new URL('../dist/worker.js', import.meta.url).href;

const withLayout = (layout: (concurrency: number) => Layout) => (options: StrategyOptions) =>
  createPoolStrategy(options, { workerFile: WORKER_FILE, layout: layout(options.concurrency) });

/**
 * piscina with W worker threads, one job per message, each thread owning its
 * own connections: the Node analogue of ThreadPoolExecutor with one
 * requests.Session per thread.
 */
export const strategy = defineStrategy({ name: 'thread-pool', create: withLayout(perJobLayout) });

/** W threads, one job at a time each, jobs sent in chunks: what the per-message cost was. */
export const chunked = defineStrategy({ name: 'thread-pool-chunked', create: withLayout(chunkedLayout) });

/** A thread per core but one, each running W ÷ threads jobs at once on its own event loop, jobs in chunks. */
export const hybrid = defineStrategy({
  name: 'thread-pool-hybrid',
  create: withLayout((concurrency) => hybridLayout(concurrency)),
});

/**
 * What runs inside a pool's worker, a thread or a child process (`@fanout/core/worker`): the helpers a worker needs
 * beside the job runner of `@fanout/core/http`, without the option validation (zod) that the main entry loads for
 * the thread that creates strategies. Every worker of every pool pays for what it imports: the main entry cost each
 * worker thread another ~50 ms of CPU at start (150 against 97 ms with `@fanout/core/http` alone, Node 20, 2 cores),
 * which a pool's start-up figure and every test that starts a pool paid for nothing.
 */
export { mapBounded } from '../bounded.js';
export { throttleProgress } from '../progress.js';
export { warmComputation } from '../workloads/warm.js';

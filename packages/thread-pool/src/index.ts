import { randomUUID } from 'node:crypto';
import { BroadcastChannel } from 'node:worker_threads';
import {
  ABORTED_BEFORE_START,
  defineStrategy,
  errors,
  failedJob,
  type JobResult,
  mapBounded,
  once,
  systemClock,
} from '@fanout/core';
import { Piscina } from 'piscina';
import { refuseThreads } from './limits.js';
import type { WorkerReply, WorkerSettings, WorkerTask } from './protocol.js';

export { DEFAULT_MAX_THREADS, maxThreads, refuseThreads } from './limits.js';

// Resolves to dist/worker.js from both src/ (tests) and dist/ (built).
const WORKER_FILE = new URL('../dist/worker.js', import.meta.url).href;
const STARTUP_DEADLINE_MS = 120_000;

/**
 * piscina with `concurrency` worker threads, each owning its own undici Agent:
 * the Node analogue of ThreadPoolExecutor with one requests.Session per thread.
 * Every thread is started (and its module loaded) before `create` resolves.
 */
export const strategy = defineStrategy({
  name: 'thread-pool',
  async create(options) {
    const refusal = refuseThreads(options.concurrency);
    if (refusal) throw errors.unsupported(refusal);
    const settings: WorkerSettings = {
      timeoutMs: options.timeoutMs,
      maxBodyBytes: options.maxBodyBytes,
      abortChannel: `fanout-thread-pool-${randomUUID()}`,
    };
    const pool = new Piscina<WorkerTask, WorkerReply>({
      filename: WORKER_FILE,
      minThreads: options.concurrency,
      maxThreads: options.concurrency,
      concurrentTasksPerWorker: 1,
      idleTimeout: Number.POSITIVE_INFINITY,
      workerData: settings,
    });
    try {
      await startAll(pool, options.concurrency);
    } catch (error) {
      await pool.destroy();
      throw errors.startupFailed('thread-pool', error);
    }
    const abortChannel = new BroadcastChannel(settings.abortChannel);
    abortChannel.unref();
    let batches = 0;
    return {
      async run(jobs, signal) {
        const batch = batches++;
        const onAbort = () => abortChannel.postMessage(batch);
        signal?.addEventListener('abort', onAbort, { once: true });
        try {
          // At most `concurrency` tasks are handed to piscina, so its queue stays empty
          // and an abort leaves nothing queued behind it.
          return await mapBounded(jobs, options.concurrency, async (job): Promise<JobResult> => {
            if (signal?.aborted) return failedJob(job.id, ABORTED_BEFORE_START, systemClock.now());
            try {
              return (await pool.run({ kind: 'job', batch, job })) as JobResult;
            } catch (error) {
              return failedJob(
                job.id,
                { code: 'WORKER_CRASHED', message: `worker thread died: ${String(error)}` },
                systemClock.now(),
                1,
              );
            }
          });
        } finally {
          signal?.removeEventListener('abort', onAbort);
        }
      },
      close: once(async () => {
        abortChannel.close();
        await pool.destroy();
      }),
    };
  },
});

async function startAll(pool: Piscina<WorkerTask, WorkerReply>, parties: number): Promise<void> {
  const counter = new SharedArrayBuffer(4);
  const deadline = Date.now() + STARTUP_DEADLINE_MS;
  const threadIds = await Promise.all(
    Array.from({ length: parties }, () => pool.run({ kind: 'barrier', counter, parties, deadline })),
  );
  const distinct = new Set(threadIds).size;
  if (distinct !== parties) throw new Error(`expected ${parties} distinct threads, got ${distinct}`);
}

import { randomUUID } from 'node:crypto';
import { BroadcastChannel, type ResourceLimits } from 'node:worker_threads';
import {
  ABORTED_BEFORE_START,
  errors,
  failedJob,
  type JobResult,
  mapBounded,
  once,
  type Strategy,
  type StrategyOptions,
  systemClock,
} from '@fanout/core';
import { Piscina } from 'piscina';
import { refuseThreads } from './limits.js';
import type { WorkerReply, WorkerSettings, WorkerTask } from './protocol.js';
import { startAll } from './startup.js';

export interface PoolSettings {
  /** URL or path of the compiled worker module. */
  readonly workerFile: string;
  readonly resourceLimits?: ResourceLimits;
}

/**
 * piscina with `concurrency` threads, all started before this resolves. A
 * worker that dies (exits, throws outside a task, runs out of memory) turns
 * its in-flight job into WORKER_CRASHED; piscina starts a replacement and the
 * rest of the batch goes on.
 */
export async function createPoolStrategy(options: StrategyOptions, pool: PoolSettings): Promise<Strategy> {
  const refusal = refuseThreads(options.concurrency);
  if (refusal) throw errors.unsupported(refusal);
  const { concurrency, timeoutMs, maxBodyBytes, maxRedirects, retries } = options;
  const settings: WorkerSettings = {
    limits: { timeoutMs, maxBodyBytes, maxRedirects, retries },
    abortChannel: `fanout-thread-pool-${randomUUID()}`,
  };
  const piscina = new Piscina<WorkerTask, WorkerReply>({
    filename: pool.workerFile,
    minThreads: concurrency,
    maxThreads: concurrency,
    concurrentTasksPerWorker: 1,
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: settings,
    ...(pool.resourceLimits ? { resourceLimits: pool.resourceLimits } : {}),
  });
  // A worker that fails while idle has no task to report it through; without a
  // listener piscina's 'error' event would crash this process.
  piscina.on('error', () => undefined);
  try {
    await startAll(piscina, concurrency);
  } catch (error) {
    await piscina.destroy();
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
        // At most `concurrency` tasks are handed to piscina, so its queue stays
        // empty and an abort leaves nothing queued behind it.
        return await mapBounded(jobs, concurrency, async (job): Promise<JobResult> => {
          if (signal?.aborted) return failedJob(job.id, ABORTED_BEFORE_START, systemClock.now());
          const startMs = systemClock.now();
          try {
            return (await piscina.run({ kind: 'job', batch, job })) as JobResult;
          } catch (error) {
            const message = `worker thread died: ${error instanceof Error ? error.message : String(error)}`;
            return { ...failedJob(job.id, { code: 'WORKER_CRASHED', message }, startMs, 1), endMs: systemClock.now() };
          }
        });
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
    close: once(async () => {
      abortChannel.close();
      await piscina.destroy();
    }),
  };
}

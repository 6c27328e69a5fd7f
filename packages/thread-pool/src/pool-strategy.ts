import { randomUUID } from 'node:crypto';
import { BroadcastChannel, type ResourceLimits } from 'node:worker_threads';
import {
  ABORTED_BEFORE_START,
  describeOriginCap,
  errors,
  failedJob,
  type Job,
  type JobResult,
  once,
  originCapRefusal,
  type Strategy,
  type StrategyOptions,
  sharedOriginShare,
  systemClock,
} from '@fanout/core';
import { Piscina } from 'piscina';
import type { Layout } from './layout.js';
import { refuseThreads } from './limits.js';
import { progressReader } from './progress.js';
import type { WorkerReply, WorkerSettings, WorkerTask } from './protocol.js';
import { startAll } from './startup.js';

export interface PoolSettings {
  /** URL or path of the compiled worker module. */
  readonly workerFile: string;
  readonly layout: Layout;
  readonly resourceLimits?: ResourceLimits;
}

/**
 * piscina with `layout.threads` threads, all started before this resolves.
 * Jobs go out in chunks, one message per chunk, and each chunk runs with its
 * thread's lanes in flight; at most one chunk per thread is outstanding, so at
 * most W jobs are in flight. A worker that dies (exits, throws outside a task,
 * runs out of memory) turns its chunk's jobs into WORKER_CRASHED; piscina
 * starts a replacement and the rest of the batch goes on.
 */
export async function createPoolStrategy(options: StrategyOptions, pool: PoolSettings): Promise<Strategy> {
  const { layout } = pool;
  const refusal = refuseThreads(layout.threads);
  if (refusal) throw errors.unsupported(refusal);
  const { timeoutMs, maxBodyBytes, maxRedirects, retries, allowRemote } = options;
  // Any thread may take any chunk, so every thread gets the same connections per origin: all of them together stay
  // within maxPerOrigin.
  const connections = sharedOriginShare(layout.lanes, options.maxPerOrigin);
  if (connections === undefined) throw originCapRefusal('thread-pool', layout.threads, options.maxPerOrigin);
  const capped = describeOriginCap(connections * layout.threads, options.concurrency);
  const settings: WorkerSettings = {
    limits: { timeoutMs, maxBodyBytes, maxRedirects, retries, allowRemote },
    connections,
    abortChannel: `fanout-thread-pool-${randomUUID()}`,
    finished: new SharedArrayBuffer(4),
  };
  const piscina = new Piscina<WorkerTask, WorkerReply>({
    filename: pool.workerFile,
    minThreads: layout.threads,
    maxThreads: layout.threads,
    concurrentTasksPerWorker: 1,
    idleTimeout: Number.POSITIVE_INFINITY,
    workerData: settings,
    ...(pool.resourceLimits ? { resourceLimits: pool.resourceLimits } : {}),
  });
  // A worker that fails while idle has no task to report it through; without a
  // listener piscina's 'error' event would crash this process.
  piscina.on('error', () => undefined);
  try {
    await startAll(piscina, layout.threads);
  } catch (error) {
    await piscina.destroy();
    throw errors.startupFailed('thread-pool', error);
  }
  const abortChannel = new BroadcastChannel(settings.abortChannel);
  abortChannel.unref();
  let batches = 0;

  const runChunk = async (batch: number, chunk: readonly Job[], lanes: number, signal?: AbortSignal) => {
    if (signal?.aborted) return chunk.map((job) => failedJob(job.id, ABORTED_BEFORE_START, systemClock.now()));
    const startMs = systemClock.now();
    try {
      const replies = await piscina.run({ kind: 'chunk', batch, jobs: chunk, lanes });
      if (Array.isArray(replies) && replies.length === chunk.length) return replies as readonly JobResult[];
      throw new Error(`a worker answered a chunk of ${chunk.length} jobs with ${String(replies)}`);
    } catch (error) {
      const message = `worker thread died: ${error instanceof Error ? error.message : String(error)}`;
      const endMs = systemClock.now();
      return chunk.map((job) => ({ ...failedJob(job.id, { code: 'WORKER_CRASHED', message }, startMs, 1), endMs }));
    }
  };

  const progress = progressReader(settings.finished);

  return {
    configuration: capped ? `${layout.description}; ${capped}` : layout.description,
    reportsProgress: true,
    async run(jobs, signal, options) {
      const batch = batches++;
      const onAbort = () => abortChannel.postMessage(batch);
      signal?.addEventListener('abort', onAbort, { once: true });
      const stopProgress = progress.start(options?.onProgress);
      const results = new Array<JobResult>(jobs.length);
      const size = layout.chunkSize(jobs.length);
      let next = 0;
      // One dispatcher per thread, each with that thread's lanes: never more than W jobs in flight.
      const dispatch = async (lanes: number) => {
        for (let start = next; start < jobs.length; start = next) {
          next = start + size;
          const replies = await runChunk(batch, jobs.slice(start, start + size), lanes, signal);
          for (let index = 0; index < replies.length; index++) results[start + index] = replies[index] as JobResult;
        }
      };
      try {
        await Promise.all(layout.lanes.map(dispatch));
        return results;
      } finally {
        stopProgress();
        signal?.removeEventListener('abort', onAbort);
      }
    },
    close: once(async () => {
      abortChannel.close();
      await piscina.destroy();
    }),
  };
}

import { randomUUID } from 'node:crypto';
import { BroadcastChannel, type ResourceLimits } from 'node:worker_threads';
import {
  describeCause,
  describeOriginCap,
  dispatchChunks,
  errors,
  type Job,
  type JobResult,
  once,
  originCapRefusal,
  type Strategy,
  type StrategyOptions,
  sharedOriginShare,
} from '@fanout/core';
import { workerLimits } from '@fanout/core/http';
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
 * Jobs go out in chunks through core's dispatcher (dispatchChunks), one message
 * per chunk, each run with its thread's lanes in flight: never more than W jobs
 * in flight. A worker that dies (exits, throws outside a task, runs out of
 * memory) turns its chunk's jobs into WORKER_CRASHED; piscina starts a
 * replacement and the rest of the batch goes on.
 */
export async function createPoolStrategy(options: StrategyOptions, pool: PoolSettings): Promise<Strategy> {
  const { layout } = pool;
  const refusal = refuseThreads(layout.threads);
  if (refusal) throw errors.unsupported(refusal);
  // Any thread may take any chunk, so every thread gets the same connections per origin: all of them together stay
  // within maxPerOrigin.
  const connections = sharedOriginShare(layout.lanes, options.maxPerOrigin);
  if (connections === undefined) throw originCapRefusal('thread-pool', layout.threads, options.maxPerOrigin);
  const capped = describeOriginCap(connections * layout.threads, options.concurrency);
  const settings: WorkerSettings = {
    limits: workerLimits(options),
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

  /** One chunk on a thread with `lanes` in flight; rejects, saying how, when the thread died with it. */
  const runChunk = async (batch: number, lanes: number, chunk: readonly Job[]): Promise<readonly JobResult[]> => {
    let replies: WorkerReply;
    try {
      replies = await piscina.run({ kind: 'chunk', batch, jobs: chunk, lanes });
    } catch (error) {
      throw new Error(`worker thread died: ${describeCause(error)}`);
    }
    if (Array.isArray(replies) && replies.length === chunk.length) return replies as readonly JobResult[];
    throw new Error(`worker thread died: a worker answered a chunk of ${chunk.length} jobs with ${String(replies)}`);
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
      try {
        // One dispatcher loop per thread, each with that thread's lanes.
        return await dispatchChunks(
          jobs,
          {
            workers: layout.lanes,
            chunkSize: layout.chunkSize(jobs.length),
            send: (lanes, chunk) => runChunk(batch, lanes, chunk),
          },
          signal,
        );
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

import { type Clock, systemClock } from './clock.js';
import type { Job, JobError, JobResult } from './contract.js';
import { describeCause } from './errors.js';
import { ABORTED_BEFORE_START, failedJob } from './results.js';

/** A pool's workers (threads or processes) as the dispatcher sees them. */
export interface ChunkPool<Worker> {
  /** One dispatcher loop per worker; each worker's own lanes decide how many of its chunk run at once. */
  readonly workers: readonly Worker[];
  /** Jobs per message (pool-layout.ts's chunkRule). */
  readonly chunkSize: number;
  /**
   * Runs one chunk on the worker: its results, one per job in order. Rejects when the worker died with the chunk;
   * the rejection's message says how, and becomes the WORKER_CRASHED message of every job of the chunk.
   */
  send(worker: Worker, chunk: readonly Job[]): Promise<readonly JobResult[]>;
  /**
   * Called before each chunk goes to the worker: where a pool replaces a worker that died (piscina does it by
   * itself). A rejection fails the batch: a pool that cannot start a worker cannot go on.
   */
  revive?(worker: Worker): Promise<void> | void;
}

/**
 * Hands a batch to a pool in chunks, the one dispatcher of the thread and the process pool: each worker takes the
 * next chunk once its previous one answered, so at most one chunk per worker is out and never more than W jobs are
 * in flight. Results land in job order. After `signal` aborts, chunks not yet sent end as ABORTED (the pool tells
 * its workers to abort those in flight); a worker that dies turns exactly its chunk into WORKER_CRASHED.
 */
export async function dispatchChunks<Worker>(
  jobs: readonly Job[],
  pool: ChunkPool<Worker>,
  signal?: AbortSignal,
  clock: Clock = systemClock,
): Promise<JobResult[]> {
  const results = new Array<JobResult>(jobs.length);
  const size = Math.max(1, pool.chunkSize);
  let next = 0;
  const dispatch = async (worker: Worker) => {
    for (let start = next; start < jobs.length; start = next) {
      next = start + size;
      const chunk = jobs.slice(start, start + size);
      await pool.revive?.(worker);
      const replies = await runChunk(pool, worker, chunk, clock, signal);
      for (let index = 0; index < replies.length; index++) results[start + index] = replies[index] as JobResult;
    }
  };
  await Promise.all(pool.workers.map(dispatch));
  return results;
}

async function runChunk<Worker>(
  pool: ChunkPool<Worker>,
  worker: Worker,
  chunk: readonly Job[],
  clock: Clock,
  signal: AbortSignal | undefined,
): Promise<readonly JobResult[]> {
  if (signal?.aborted) return chunk.map((job) => failedJob(job.id, ABORTED_BEFORE_START, clock.now()));
  const startMs = clock.now();
  try {
    return await pool.send(worker, chunk);
  } catch (cause) {
    return crashedChunk(chunk, describeCause(cause), startMs, clock.now());
  }
}

/** Every job of a chunk whose worker died: WORKER_CRASHED, one attempt, from when the chunk was sent. */
function crashedChunk(chunk: readonly Job[], message: string, startMs: number, endMs: number): JobResult[] {
  const error: JobError = { code: 'WORKER_CRASHED', message };
  return chunk.map((job) => ({ ...failedJob(job.id, error, startMs, 1), endMs }));
}

import { ABORTED_BEFORE_START, failedJob, type Job, type JobError, type JobResult, systemClock } from '@fanout/core';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { PointKeys } from './keys.js';
import { cancelMessage, type QueuedJob, type ResultEnvelope } from './protocol.js';

/** What one batch needs from its point. */
export interface BatchContext {
  readonly redis: Redis;
  /** A connection of its own for the blocking reads, and its CLIENT ID (to unblock it on abort). */
  readonly blocking: Redis;
  readonly blockingId: number;
  readonly queue: Queue<QueuedJob>;
  readonly keys: PointKeys;
  /** Why no worker is left to run the batch's jobs (checked every second), or undefined while one is. */
  readonly noWorkers: () => Promise<string | undefined>;
}

export interface BatchOutcome {
  readonly results: JobResult[];
  /** Jobs per worker id that sent their result. */
  readonly ranBy: ReadonlyMap<string, number>;
  /** Results dropped because their slot was already filled (a job run again after its worker was presumed dead). */
  readonly duplicates: number;
}

const ADD_CHUNK = 1000;
const READ_COUNT = 1000;
const ABORT_SETTLE_MS = 3000;

function isEnvelope(value: unknown, jobs: readonly Job[]): value is ResultEnvelope {
  if (typeof value !== 'object' || value === null) return false;
  const { i, w, r } = value as Record<string, unknown>;
  if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= jobs.length || typeof w !== 'string') return false;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof (r as JobResult).ok === 'boolean' &&
    (r as JobResult).id === jobs[i]?.id
  );
}

/**
 * Runs one batch through the queue: every job added (in chunks, so workers
 * start on the first while the rest go in), one result per slot read back
 * from the batch's list (the first per slot kept, later ones counted as
 * duplicates). On abort, or when no worker is left, the unfinished jobs end at
 * once (ABORTED or WORKER_CRASHED), the workers are told to cancel, the
 * waiting jobs are removed, and late results are refused by the batch key.
 */
export async function runBatch(
  context: BatchContext,
  batch: number,
  jobs: readonly Job[],
  signal?: AbortSignal,
): Promise<BatchOutcome> {
  const { redis, blocking, queue, keys } = context;
  const results = new Array<JobResult | undefined>(jobs.length);
  const ranBy = new Map<string, number>();
  let pending = jobs.length;
  let duplicates = 0;
  let stop: ((error?: JobError) => void) | undefined;
  const stopped = new Promise<JobError | undefined>((resolve) => {
    stop = resolve;
  });
  let ended = false;

  await redis.set(keys.batch, String(batch));
  const read = async () => {
    const list = keys.results(batch);
    while (pending > 0 && !ended) {
      const reply = (await blocking.call('BLMPOP', 1, 1, list, 'LEFT', 'COUNT', READ_COUNT)) as
        | [string, string[]]
        | null;
      for (const raw of reply?.[1] ?? []) {
        const envelope: unknown = JSON.parse(raw);
        if (!isEnvelope(envelope, jobs)) continue;
        if (results[envelope.i] !== undefined) {
          duplicates += 1;
          continue;
        }
        results[envelope.i] = envelope.r;
        ranBy.set(envelope.w, (ranBy.get(envelope.w) ?? 0) + 1);
        pending -= 1;
      }
    }
  };
  const reading = read();
  const onAbort = () => stop?.(ABORTED_BEFORE_START);
  signal?.addEventListener('abort', onAbort, { once: true });
  const watchdog = setInterval(() => {
    void context.noWorkers().then((why) => why && stop?.({ code: 'WORKER_CRASHED', message: why }));
  }, 1000);
  try {
    const adding = (async () => {
      for (let start = 0; start < jobs.length && !ended; start += ADD_CHUNK) {
        await queue.addBulk(
          jobs.slice(start, start + ADD_CHUNK).map((job, offset) => ({
            name: 'j',
            data: { b: batch, i: start + offset, j: job },
            opts: { removeOnComplete: true, removeOnFail: true },
          })),
        );
      }
    })();
    const cut = await Promise.race([reading.then(() => undefined), stopped]);
    ended = true;
    if (cut !== undefined) {
      const atMs = systemClock.now();
      for (const [index, job] of jobs.entries()) results[index] ??= failedJob(job.id, cut, atMs);
      await abandon(context, batch);
    }
    await adding.catch(() => undefined);
    await reading.catch(() => undefined);
  } finally {
    ended = true;
    clearInterval(watchdog);
    signal?.removeEventListener('abort', onAbort);
    await redis.del(keys.batch, keys.results(batch));
  }
  return { results: results as JobResult[], ranBy, duplicates };
}

/** Cuts a batch short: late results refused, running jobs cancelled, waiting ones removed, the reader unblocked. */
async function abandon(context: BatchContext, batch: number): Promise<void> {
  const { redis, queue, keys } = context;
  await redis.del(keys.batch);
  await redis.publish(keys.control, cancelMessage(batch));
  await redis.client('UNBLOCK', context.blockingId).catch(() => undefined);
  await queue.drain(true);
  // Jobs a worker took before the drain end at once (cancelled); wait for them, briefly, so nothing of this
  // batch still runs when the caller goes on.
  const deadline = Date.now() + ABORT_SETTLE_MS;
  while ((await queue.getActiveCount()) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await queue.drain(true);
}

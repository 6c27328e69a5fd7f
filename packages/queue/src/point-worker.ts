import { type JobFailure, type JobResult, systemClock } from '@fanout/core';
import { createJobRunner, poolTransport } from '@fanout/core/http';
import { type Job as BullJob, Worker } from 'bullmq';
import type { PushingRedis } from './connection.js';
import { PREFIX, pointKeys } from './keys.js';
import { END_MESSAGE, type PointDescriptor, type QueuedJob, type ResultEnvelope, type WorkerInfo } from './protocol.js';

/** How a worker process listens to a point's control channel (one subscriber connection serves every point). */
export interface ControlChannel {
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
}

export interface JoinedPoint {
  readonly queue: string;
  /** Cancels what runs, stops taking jobs, closes the runner and unregisters. Idempotent. */
  leave(): Promise<void>;
}

/** Batches remembered for cancellation: a point runs one at a time, so a few cover any late job. */
const REMEMBERED_BATCHES = 8;

/** The result of a job whose worker died while running it, as the worker that picks it up next reports it. */
export function crashedResult(id: number, stalls: number): JobFailure {
  const atMs = systemClock.now();
  const message = `the worker running it died (noticed by BullMQ's stalled-job check; ${stalls} time${stalls === 1 ? '' : 's'})`;
  return {
    ok: false,
    id,
    error: { code: 'WORKER_CRASHED', message },
    bytes: 0,
    startMs: atMs,
    endMs: atMs,
    attempts: stalls,
  };
}

/**
 * Runs one point's jobs in this process: a BullMQ Worker with `concurrency`
 * jobs at once, each through the core job runner (every workload, limit and
 * error code), its result pushed back to the batch's list atomically and only
 * if that batch is still wanted. A job whose earlier worker died (BullMQ's
 * stalled counter) is run again up to `stalledRetries` times, then reported as
 * WORKER_CRASHED without running.
 */
export async function joinPoint(
  redis: PushingRedis,
  control: ControlChannel,
  point: PointDescriptor,
  info: WorkerInfo,
  connections: number,
  onError: (error: Error) => void,
): Promise<JoinedPoint> {
  const keys = pointKeys(point.queue);
  const runner = createJobRunner(poolTransport({ ...point.limits, connections }), point.limits);
  const batches = new Map<number, AbortController>();
  const controllerFor = (batch: number): AbortController => {
    let controller = batches.get(batch);
    if (controller === undefined) {
      controller = new AbortController();
      batches.set(batch, controller);
      for (const old of batches.keys()) if (batches.size > REMEMBERED_BATCHES) batches.delete(old);
    }
    return controller;
  };
  const push = (batch: number, envelope: ResultEnvelope) =>
    redis.fanoutPush(keys.batch, keys.results(batch), String(batch), JSON.stringify(envelope));

  const processor = async (job: BullJob<QueuedJob>) => {
    const { b, i, j } = job.data;
    const result =
      job.stalledCounter > point.stalledRetries
        ? crashedResult(j.id, job.stalledCounter)
        : await runner.run(j, controllerFor(b).signal);
    // Pushed before BullMQ marks the job done: a worker that dies in between leaves a stalled job whose second
    // result the collector drops (it keeps the first per slot), never a job without a result.
    await push(b, { i, w: info.id, r: result });
  };
  const worker = new Worker<QueuedJob>(point.queue, processor, {
    connection: redis,
    prefix: PREFIX,
    concurrency: info.concurrency,
    lockDuration: point.stallMs,
    stalledInterval: Math.max(100, Math.floor(point.stallMs / 2)),
    // BullMQ requeues a stalled job up to this many times; the processor above applies the policy itself.
    maxStalledCount: point.stalledRetries + 1,
  });
  worker.on('error', onError);
  // A job BullMQ failed without running it (stalled beyond its own limit): it still gets exactly one result.
  worker.on('failed', (job, error) => {
    if (job === undefined) return;
    const { b, i, j } = job.data;
    const stalled = /stalled/i.test(error.message);
    const result: JobResult = stalled
      ? crashedResult(j.id, job.stalledCounter)
      : { ...crashedResult(j.id, 0), error: { code: 'UNKNOWN', message: error.message } };
    push(b, { i, w: info.id, r: result }).catch(onError);
  });
  const unsubscribe = await control.subscribe(keys.control, (message) => {
    if (message === END_MESSAGE) return void leave();
    const batch = /^cancel (\d+)$/.exec(message)?.[1];
    if (batch !== undefined) controllerFor(Number(batch)).abort();
  });
  await worker.waitUntilReady();
  await redis.hset(keys.joined, info.id, JSON.stringify(info));

  let left: Promise<void> | undefined;
  const leave = (): Promise<void> => {
    left ??= (async () => {
      for (const controller of batches.values()) controller.abort();
      await unsubscribe();
      // Not forced: cancelled jobs end at once as ABORTED and push their result (dropped if stale) first.
      await worker.close();
      await runner.close();
      await redis.hdel(keys.joined, info.id).catch(() => undefined);
    })();
    return left;
  };
  return { queue: point.queue, leave };
}

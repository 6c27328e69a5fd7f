import { errors } from '@fanout/core';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { PointDescriptor, QueuedJob, WorkerInfo } from './protocol.js';
import { endPoint, joinedWorkers, liveRemoteWorkers, openPoint, waitForWorkers } from './registry.js';

export interface RemoteWorkers {
  /** The workers registered when the point started. */
  readonly started: readonly WorkerInfo[];
  /** Why no remote worker is left (none alive on the point for the wait), or undefined. */
  gone(): Promise<string | undefined>;
  /** Unlists the point and waits (briefly) for its workers to leave. Idempotent. */
  end(): Promise<void>;
}

/** After the first worker joins, how long the others that are alive get to join too. */
const JOIN_GRACE_MS = 1000;
const LEAVE_WAIT_MS = 1000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens the point to workers started elsewhere (`fanout-queue-worker`) and
 * waits a bounded time for the first; at most W of its jobs run at once
 * across all of them (BullMQ's global concurrency), whatever each can take.
 */
export async function attachRemoteWorkers(
  redis: Redis,
  queue: Queue<QueuedJob>,
  point: PointDescriptor,
  maxPerOrigin: number,
  waitMs: number,
): Promise<RemoteWorkers> {
  // The point's W across every worker, and a per-origin cap below it holds the whole point (workers may join at any
  // time, so no share of the cap can be handed out per worker).
  await queue.setGlobalConcurrency(Math.min(point.concurrency, maxPerOrigin));
  await openPoint(redis, point);
  const liveJoined = async () => {
    const live = await liveRemoteWorkers(redis);
    return (await joinedWorkers(redis, point.queue)).filter((worker) => live.has(worker.id));
  };
  let ended: Promise<void> | undefined;
  const end = () => {
    ended ??= (async () => {
      await endPoint(redis, point.queue);
      // Only live workers are waited for: one that died never unregisters (the sweep removes its entry).
      const deadline = Date.now() + LEAVE_WAIT_MS;
      while ((await liveJoined()).length > 0 && Date.now() < deadline) await pause(20);
    })();
    return ended;
  };
  let started = await waitForWorkers(redis, point.queue, waitMs);
  if (started.length === 0) {
    await end();
    throw errors.startupFailed(
      'queue',
      `no remote worker joined within ${waitMs} ms (FANOUT_QUEUE_WAIT_MS); start one where it reaches this Redis and the target: fanout worker --redis URL`,
    );
  }
  const graceEnd = Date.now() + JOIN_GRACE_MS;
  while (Date.now() < graceEnd && started.length < (await liveRemoteWorkers(redis)).size) {
    await pause(50);
    started = await joinedWorkers(redis, point.queue);
  }
  let lastSeen = Date.now();
  return {
    started,
    async gone() {
      if ((await liveJoined()).length > 0) {
        lastSeen = Date.now();
        return undefined;
      }
      const silentMs = Date.now() - lastSeen;
      return silentMs > waitMs ? `no remote worker has been alive on the point for ${silentMs} ms` : undefined;
    },
    end,
  };
}

import type { Redis } from 'ioredis';
import { ANNOUNCE, EXPIRY_MS, HEARTBEAT_MS, LIVE_POINTS, LIVE_WORKERS, OPEN_POINTS, pointKeys } from './keys.js';
import { END_MESSAGE, type PointDescriptor, type WorkerInfo } from './protocol.js';

/** Deletes every key under a point's prefix (BullMQ's and the strategy's) and its registry entries. */
export async function sweepPoint(redis: Redis, queue: string): Promise<void> {
  const { pattern } = pointKeys(queue);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.unlink(...keys);
  } while (cursor !== '0');
  await redis.hdel(OPEN_POINTS, queue);
  await redis.zrem(LIVE_POINTS, queue);
}

/**
 * Removes what points whose owner died (SIGKILL, a second Ctrl-C, a lost
 * machine) left behind: their heartbeat expired, so nobody will clean them.
 * Also forgets remote workers that stopped renewing theirs.
 */
export async function sweepAbandoned(redis: Redis): Promise<string[]> {
  const now = Date.now();
  const abandoned = await redis.zrangebyscore(LIVE_POINTS, '-inf', now);
  for (const queue of abandoned) await sweepPoint(redis, queue);
  await redis.zremrangebyscore(LIVE_WORKERS, '-inf', now);
  return abandoned;
}

/** Keeps the point's entry alive; the returned function stops the heartbeat. */
export async function keepAlive(redis: Redis, queue: string, onError: (error: Error) => void): Promise<() => void> {
  const renew = () => redis.zadd(LIVE_POINTS, Date.now() + EXPIRY_MS, queue);
  await renew();
  const timer = setInterval(() => void renew().catch(onError), HEARTBEAT_MS);
  return () => clearInterval(timer);
}

/** Lists the point for remote workers and tells the ones listening now. */
export async function openPoint(redis: Redis, point: PointDescriptor): Promise<void> {
  await redis.hset(OPEN_POINTS, point.queue, JSON.stringify(point));
  await redis.publish(ANNOUNCE, `open ${point.queue}`);
}

/** Unlists the point and tells every worker on it to leave. */
export async function endPoint(redis: Redis, queue: string): Promise<void> {
  await redis.hdel(OPEN_POINTS, queue);
  await redis.publish(pointKeys(queue).control, END_MESSAGE);
  await redis.publish(ANNOUNCE, `end ${queue}`);
}

/** The workers registered on the point now. */
export async function joinedWorkers(redis: Redis, queue: string): Promise<WorkerInfo[]> {
  const all = await redis.hgetall(pointKeys(queue).joined);
  return Object.values(all).map((json) => JSON.parse(json) as WorkerInfo);
}

/** Remote worker processes whose heartbeat is current. */
export async function liveRemoteWorkers(redis: Redis): Promise<Set<string>> {
  return new Set(await redis.zrangebyscore(LIVE_WORKERS, Date.now(), '+inf'));
}

/** Polls until at least one worker joined the point, or `timeoutMs` passed (then an empty list). */
export async function waitForWorkers(redis: Redis, queue: string, timeoutMs: number): Promise<WorkerInfo[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const workers = await joinedWorkers(redis, queue);
    if (workers.length > 0 || Date.now() >= deadline) return workers;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { closeRedis, openRedis, withPush } from './connection.js';
import { ANNOUNCE, EXPIRY_MS, HEARTBEAT_MS, LIVE_POINTS, LIVE_WORKERS, OPEN_POINTS } from './keys.js';
import { type ControlChannel, type JoinedPoint, joinPoint } from './point-worker.js';
import type { PointDescriptor, WorkerInfo } from './protocol.js';
import { redactSecrets } from './redact.js';

export interface AgentOptions {
  readonly redisUrl: string;
  readonly id?: string;
  /** Most jobs this process runs at once on a point (a point's W caps it too); the point's W when absent. */
  readonly concurrency?: number;
  /** Connections per origin (a local worker's share of the per-origin cap); its concurrency when absent. */
  readonly connections?: number;
  /** A local worker: this one point only, no registry. Absent: every open point, as they come and go. */
  readonly point?: PointDescriptor;
  readonly log: (line: string) => void;
}

export interface Agent {
  readonly id: string;
  /** Leaves every point and closes every connection. Idempotent. */
  stop(): Promise<void>;
}

export function newWorkerId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** One subscriber connection shared by every point's control channel (and the registry's announcements). */
function controlChannel(subscriber: Redis): ControlChannel {
  const handlers = new Map<string, (message: string) => void>();
  subscriber.on('message', (channel: string, message: string) => handlers.get(channel)?.(message));
  return {
    async subscribe(channel, onMessage) {
      handlers.set(channel, onMessage);
      await subscriber.subscribe(channel);
      return async () => {
        handlers.delete(channel);
        if (subscriber.status === 'ready') await subscriber.unsubscribe(channel).catch(() => undefined);
      };
    },
  };
}

/**
 * A worker process: connects to Redis and runs points' jobs with the core job
 * runner. A local worker (started by a point) serves that point only; a
 * remote one (the bin, anywhere that reaches Redis and the target) registers
 * with a heartbeat and joins every open point, leaving when it ends.
 */
export async function startAgent(options: AgentOptions): Promise<Agent> {
  const { redisUrl, log } = options;
  const id = options.id ?? newWorkerId();
  const redis = withPush(await openRedis(redisUrl, `fanout-worker-${id}`));
  const subscriber = await openRedis(redisUrl, `fanout-worker-${id}-control`).catch(async (error: unknown) => {
    await closeRedis(redis);
    throw error;
  });
  const control = controlChannel(subscriber);
  const joined = new Map<string, Promise<JoinedPoint>>();
  const onError = (error: Error) => log(`worker ${id}: ${redactSecrets(error.message, redisUrl)}`);
  const infoFor = (point: PointDescriptor): WorkerInfo => ({
    id,
    host: hostname(),
    pid: process.pid,
    concurrency: Math.min(options.concurrency ?? point.concurrency, point.concurrency),
  });
  const join = (point: PointDescriptor) => {
    if (joined.has(point.queue)) return joined.get(point.queue);
    const info = infoFor(point);
    const joining = joinPoint(redis, control, point, info, options.connections ?? info.concurrency, onError);
    joined.set(point.queue, joining);
    joining.then(
      () => options.point ?? log(`worker ${id}: joined point ${point.queue} (${infoFor(point).concurrency} at once)`),
      (error: unknown) => {
        joined.delete(point.queue);
        onError(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return joining;
  };
  const leave = async (queue: string) => {
    const point = joined.get(queue);
    joined.delete(queue);
    await point?.then((it) => it.leave()).catch(() => undefined);
  };

  let timer: NodeJS.Timeout | undefined;
  if (options.point) {
    await join(options.point);
  } else {
    // Remote: announce this worker, follow the registry, and renew both on a heartbeat.
    const reconcile = async () => {
      const now = Date.now();
      await redis.zadd(LIVE_WORKERS, now + EXPIRY_MS, id);
      const open = await redis.hgetall(OPEN_POINTS);
      const live = new Set(await redis.zrangebyscore(LIVE_POINTS, now, '+inf'));
      for (const [queue, json] of Object.entries(open)) {
        if (live.has(queue)) void join(JSON.parse(json) as PointDescriptor);
      }
      for (const queue of joined.keys()) if (!live.has(queue) || !(queue in open)) void leave(queue);
    };
    await control.subscribe(ANNOUNCE, () => void reconcile().catch(onError));
    await reconcile();
    timer = setInterval(() => void reconcile().catch(onError), HEARTBEAT_MS);
  }

  let stopped: Promise<void> | undefined;
  return {
    id,
    stop() {
      stopped ??= (async () => {
        clearInterval(timer);
        await Promise.all([...joined.keys()].map(leave));
        if (!options.point) await redis.zrem(LIVE_WORKERS, id).catch(() => undefined);
        await Promise.all([closeRedis(redis), closeRedis(subscriber)]);
      })();
      return stopped;
    },
  };
}

import { errors, isFanoutError } from '@fanout/core';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { closeRedis, openRedis, redisVersion } from './connection.js';
import { PREFIX } from './keys.js';
import { type LocalWorkers, startLocalWorkers } from './local-workers.js';
import type { PointDescriptor, QueuedJob } from './protocol.js';
import { redactError, redactSecrets } from './redact.js';
import { keepAlive, sweepAbandoned, sweepPoint } from './registry.js';
import { attachRemoteWorkers, type RemoteWorkers } from './remote-workers.js';

/** Where a point's jobs run: its own worker processes (lanes and per-origin connections each), or remote ones. */
export type Placement =
  | { readonly kind: 'local'; readonly lanes: readonly number[]; readonly connections: readonly number[] }
  | { readonly kind: 'remote'; readonly maxPerOrigin: number; readonly waitMs: number };

/** A started point's resources; `release` closes them in reverse. */
export interface Started {
  readonly redis: Redis;
  /** A connection of its own for the blocking reads of results. */
  readonly blocking: Redis;
  readonly blockingId: number;
  readonly queue: Queue<QueuedJob>;
  readonly version: string;
  readonly locals?: LocalWorkers;
  readonly remotes?: RemoteWorkers;
  release(): Promise<void>;
}

interface Parts {
  redis?: Redis;
  blocking?: Redis;
  queue?: Queue<QueuedJob>;
  stopHeartbeat?: () => void;
  locals?: LocalWorkers;
  remotes?: RemoteWorkers;
}

async function release(parts: Parts, queue: string): Promise<void> {
  parts.stopHeartbeat?.();
  await parts.remotes?.end();
  await parts.locals?.stop();
  if (parts.queue) {
    await parts.queue.obliterate({ force: true }).catch(() => undefined);
    await parts.queue.close().catch(() => undefined);
  }
  // Everything under the point's prefix, BullMQ's keys and the strategy's own.
  if (parts.redis) await sweepPoint(parts.redis, queue).catch(() => undefined);
  await Promise.all([parts.blocking, parts.redis].map((redis) => (redis ? closeRedis(redis) : undefined)));
}

/**
 * Starts a point: connects (Redis 7 or newer), sweeps what dead points left,
 * registers this one with a heartbeat, makes its BullMQ queue and its results
 * connection, and starts or waits for its workers. On any failure, whatever
 * was made is released and the error (redacted) is STARTUP_FAILED.
 */
export async function startPoint(
  redisUrl: string,
  point: PointDescriptor,
  placement: Placement,
  workerFile?: string,
): Promise<Started> {
  const tag = point.queue.slice(-8);
  const onError = (error: Error) => process.stderr.write(`queue: ${redactSecrets(error.message, redisUrl)}\n`);
  const parts: Parts = {};
  try {
    const redis = await openRedis(redisUrl, `fanout-point-${tag}`);
    parts.redis = redis;
    const version = await redisVersion(redis);
    if (Number(version.split('.')[0]) < 7) {
      throw errors.unsupported(
        `the queue strategy needs Redis 7.0 or newer (it reads results with BLMPOP); this one is ${version}`,
      );
    }
    await sweepAbandoned(redis);
    parts.stopHeartbeat = await keepAlive(redis, point.queue, onError);
    const queue = new Queue<QueuedJob>(point.queue, { connection: redis, prefix: PREFIX });
    parts.queue = queue;
    queue.on('error', onError);
    await queue.waitUntilReady();
    const blocking = await openRedis(redisUrl, `fanout-point-${tag}-results`);
    parts.blocking = blocking;
    const blockingId = Number(await blocking.client('ID'));
    if (placement.kind === 'local') {
      const { lanes, connections } = placement;
      parts.locals = await startLocalWorkers({
        redisUrl,
        point,
        lanes,
        connections,
        queueTag: tag,
        ...(workerFile ? { file: workerFile } : {}),
      });
    } else {
      parts.remotes = await attachRemoteWorkers(redis, queue, point, placement.maxPerOrigin, placement.waitMs);
    }
    return {
      redis,
      blocking,
      blockingId,
      queue,
      version,
      ...(parts.locals ? { locals: parts.locals } : {}),
      ...(parts.remotes ? { remotes: parts.remotes } : {}),
      release: () => release(parts, point.queue),
    };
  } catch (error) {
    await release(parts, point.queue);
    if (isFanoutError(error)) throw error;
    throw errors.startupFailed('queue', redactError(error, redisUrl));
  }
}

import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import {
  ABORTED_BEFORE_START,
  errors,
  failedJob,
  isFanoutError,
  type Strategy,
  type StrategyOptions,
  spread,
  systemClock,
} from '@fanout/core';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { runBatch } from './batch.js';
import { createCostMeter, readCounters } from './broker-stats.js';
import { closeRedis, openRedis, redisVersion } from './connection.js';
import { PREFIX, pointKeys } from './keys.js';
import { type LocalWorkers, startLocalWorkers } from './local-workers.js';
import type { PointDescriptor, QueuedJob, WorkerInfo } from './protocol.js';
import { redactError, redactSecrets } from './redact.js';
import { keepAlive, sweepAbandoned, sweepPoint } from './registry.js';
import { attachRemoteWorkers, type RemoteWorkers } from './remote-workers.js';
import { describe, type QueueReport, RESULTS_PATH } from './report.js';
import { describeRedis, type QueueSettings } from './settings.js';

/** A queue point: the contract's Strategy plus what it can tell about workers and the broker's cost. */
export interface QueueStrategy extends Strategy {
  /** Workers by where they ran, the broker's cost per job, how results came back. */
  report(): QueueReport;
}

export interface QueueTestHooks {
  /** Module the local workers run (a test substitutes one it can crash). */
  readonly workerFile?: string;
}

/** Resources made so far, closed in reverse on failure or close(). */
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
  if (parts.redis) {
    await sweepPoint(parts.redis, queue).catch(() => undefined);
  }
  await Promise.all([parts.blocking, parts.redis].map((redis) => (redis ? closeRedis(redis) : undefined)));
}

/**
 * The queue strategy at one point: a BullMQ queue of its own on Redis, its
 * jobs run by worker processes (its own children, or remote workers), one
 * result per job collected back through Redis. Everything it wrote is swept
 * at close; a point that died without closing is swept by the next one.
 */
export async function createQueueStrategy(
  options: StrategyOptions,
  settings: QueueSettings,
  hooks: QueueTestHooks = {},
): Promise<QueueStrategy> {
  const { redisUrl, stallMs, stalledRetries } = settings;
  const { concurrency, timeoutMs, maxBodyBytes, maxRedirects, retries } = options;
  const tag = randomUUID().slice(0, 8);
  const name = `p-${process.pid}-${tag}`;
  const keys = pointKeys(name);
  const point: PointDescriptor = {
    queue: name,
    limits: { timeoutMs, maxBodyBytes, maxRedirects, retries },
    concurrency,
    stallMs,
    stalledRetries,
  };
  const onError = (error: Error) => process.stderr.write(`queue: ${redactSecrets(error.message, redisUrl)}\n`);
  const parts: Parts = {};
  let version = 'unknown';
  let lanes: number[] = [];
  try {
    parts.redis = await openRedis(redisUrl, `fanout-point-${tag}`);
    version = await redisVersion(parts.redis);
    if (Number(version.split('.')[0]) < 7) {
      throw errors.unsupported(
        `the queue strategy needs Redis 7.0 or newer (it reads results with BLMPOP); this one is ${version}`,
      );
    }
    await sweepAbandoned(parts.redis);
    parts.stopHeartbeat = await keepAlive(parts.redis, name, onError);
    parts.queue = new Queue<QueuedJob>(name, { connection: parts.redis, prefix: PREFIX });
    parts.queue.on('error', onError);
    await parts.queue.waitUntilReady();
    parts.blocking = await openRedis(redisUrl, `fanout-point-${tag}-results`);
    const local =
      settings.localWorkers === 'auto' ? Math.min(concurrency, availableParallelism()) : settings.localWorkers;
    if (local > 0) {
      lanes = spread(concurrency, Math.min(local, concurrency));
      parts.locals = await startLocalWorkers({
        redisUrl,
        point,
        lanes,
        queueTag: tag,
        ...(hooks.workerFile ? { file: hooks.workerFile } : {}),
      });
    } else {
      parts.remotes = await attachRemoteWorkers(parts.redis, parts.queue, point, settings.waitForWorkersMs);
      lanes = parts.remotes.started.map((worker) => worker.concurrency);
    }
  } catch (error) {
    await release(parts, name);
    if (isFanoutError(error)) throw error;
    throw errors.startupFailed('queue', redactError(error, redisUrl));
  }
  const { redis, blocking, queue, locals, remotes } = parts as Required<Pick<Parts, 'redis' | 'blocking' | 'queue'>> &
    Parts;
  const blockingId = Number(await blocking.client('ID'));
  const meter = createCostMeter();
  const ran = new Set<string>();
  let duplicates = 0;
  let batches = 0;
  const noWorkers = async () => {
    if (locals) {
      const why = locals.replacementError();
      return locals.alive() === 0 && why
        ? `every local queue worker died and none could start again: ${why}`
        : undefined;
    }
    return remotes?.gone();
  };

  const report = (): QueueReport => {
    const ranLocal = [...ran].filter((id) => locals?.ids.has(id)).length;
    const cost = meter.cost();
    return {
      mode: locals ? 'local' : 'remote',
      workersRan: { local: ranLocal, remote: ran.size - ranLocal },
      localWorkersStarted: locals?.ids.size ?? 0,
      remoteWorkers: remotes?.started ?? ([] as WorkerInfo[]),
      lanes,
      redis: describeRedis(redisUrl),
      redisVersion: version,
      resultsPath: RESULTS_PATH,
      duplicatesDropped: duplicates,
      ...(cost ? { cost } : {}),
      ...(remotes ? { notCounted: "remote workers' CPU time and memory are not in this point's figures" } : {}),
    };
  };

  let closing: Promise<void> | undefined;
  return {
    get configuration() {
      return describe(report(), concurrency, stallMs, stalledRetries);
    },
    report,
    async run(jobs, signal) {
      if (jobs.length === 0) return [];
      if (signal?.aborted) return jobs.map((job) => failedJob(job.id, ABORTED_BEFORE_START, systemClock.now()));
      try {
        const before = await readCounters(redis);
        const outcome = await runBatch(
          { redis, blocking, blockingId, queue, keys, noWorkers },
          ++batches,
          jobs,
          signal,
        );
        meter.add(before, await readCounters(redis), jobs.length);
        for (const id of outcome.ranBy.keys()) ran.add(id);
        duplicates += outcome.duplicates;
        return outcome.results;
      } catch (error) {
        throw redactError(error, redisUrl);
      }
    },
    close() {
      closing ??= release(parts, name);
      return closing;
    },
  };
}

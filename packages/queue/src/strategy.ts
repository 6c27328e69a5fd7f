import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import {
  ABORTED_BEFORE_START,
  describeOriginCap,
  failedJob,
  originCapRefusal,
  originShares,
  type Strategy,
  type StrategyOptions,
  spread,
  systemClock,
} from '@fanout/core';
import { workerLimits } from '@fanout/core/http';
import { runBatch } from './batch.js';
import { createCostMeter, readCounters } from './broker-stats.js';
import { pointKeys } from './keys.js';
import type { PointDescriptor } from './protocol.js';
import { redactError } from './redact.js';
import { describe, type QueueReport, RESULTS_PATH } from './report.js';
import { describeRedis, type QueueSettings } from './settings.js';
import { type Placement, startPoint } from './start.js';

/** A queue point: the contract's Strategy plus what it can tell about workers and the broker's cost. */
export interface QueueStrategy extends Strategy {
  /** Workers by where they ran, the broker's cost per job, how results came back. */
  report(): QueueReport;
}

export interface QueueTestHooks {
  /** Module the local workers run (a test substitutes one it can crash). */
  readonly workerFile?: string;
}

/** Local workers (one per core, at most W, by default) with their lanes and per-origin shares, or remote ones. */
function placementOf(options: StrategyOptions, settings: QueueSettings): Placement {
  const { concurrency, maxPerOrigin } = options;
  const local = settings.localWorkers === 'auto' ? availableParallelism() : settings.localWorkers;
  if (local === 0) return { kind: 'remote', maxPerOrigin, waitMs: settings.waitForWorkersMs };
  const lanes = spread(concurrency, Math.min(local, concurrency));
  // Each worker keeps its own connections, so each gets a share of the per-origin cap (see core's origin-cap).
  const connections = originShares(lanes, maxPerOrigin);
  if (connections === undefined) throw originCapRefusal('queue', lanes.length, maxPerOrigin);
  return { kind: 'local', lanes, connections };
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
  const { concurrency } = options;
  const name = `p-${process.pid}-${randomUUID().slice(0, 8)}`;
  const keys = pointKeys(name);
  const point: PointDescriptor = {
    queue: name,
    limits: workerLimits(options),
    concurrency,
    stallMs,
    stalledRetries,
  };
  const placement = placementOf(options, settings);
  const started = await startPoint(redisUrl, point, placement, hooks.workerFile);
  const { redis, blocking, blockingId, queue, locals, remotes } = started;
  const lanes = placement.kind === 'local' ? placement.lanes : (remotes?.started ?? []).map((one) => one.concurrency);
  const perOrigin =
    placement.kind === 'local'
      ? placement.connections.reduce((sum, share) => sum + share, 0)
      : Math.min(concurrency, placement.maxPerOrigin);
  const meter = createCostMeter();
  const ran = new Set<string>();
  let duplicates = 0;
  let batches = 0;
  const noWorkers = async () => {
    if (!locals) return remotes?.gone();
    const why = locals.replacementError();
    return locals.alive() === 0 && why ? `every local queue worker died and none could start again: ${why}` : undefined;
  };

  const report = (): QueueReport => {
    const ranLocal = [...ran].filter((id) => locals?.ids.has(id)).length;
    const cost = meter.cost();
    return {
      mode: locals ? 'local' : 'remote',
      workersRan: { local: ranLocal, remote: ran.size - ranLocal },
      localWorkersStarted: locals?.ids.size ?? 0,
      remoteWorkers: remotes?.started ?? [],
      lanes,
      redis: describeRedis(redisUrl),
      redisVersion: started.version,
      resultsPath: RESULTS_PATH,
      duplicatesDropped: duplicates,
      ...(cost ? { cost } : {}),
      ...(remotes ? { notCounted: "remote workers' CPU time and memory are not in this point's figures" } : {}),
    };
  };

  let closing: Promise<void> | undefined;
  return {
    get configuration() {
      const cap = describeOriginCap(perOrigin, concurrency);
      return [describe(report(), concurrency, stallMs, stalledRetries), ...(cap ? [cap] : [])].join('; ');
    },
    report,
    async run(jobs, signal) {
      if (jobs.length === 0) return [];
      if (signal?.aborted) return jobs.map((job) => failedJob(job.id, ABORTED_BEFORE_START, systemClock.now()));
      try {
        const before = await readCounters(redis);
        const context = { redis, blocking, blockingId, queue, keys, noWorkers };
        const outcome = await runBatch(context, ++batches, jobs, signal);
        meter.add(before, await readCounters(redis), jobs.length);
        for (const id of outcome.ranBy.keys()) ran.add(id);
        duplicates += outcome.duplicates;
        return outcome.results;
      } catch (error) {
        throw redactError(error, redisUrl);
      }
    },
    close() {
      closing ??= started.release();
      return closing;
    },
  };
}

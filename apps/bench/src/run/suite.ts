import { makeJobs } from '@fanout/core';
import type { RunConfig } from '../config.js';
import type { PageCheck, RunRecord } from '../model/schema.js';
import { batchesFor, meanLatencyMs } from '../profiles.js';
import type { LoadedStrategy } from '../strategies/load.js';
import { clientOptions } from '../target/client-options.js';
import type { Target } from '../target/target.js';
import { reachOf } from '../target/urls.js';
import { silenceAllowedMs } from './deadline.js';
import { forkPoint } from './fork-point.js';
import { pointKey } from './point-key.js';
import { skipReason } from './skip.js';

/**
 * What a point of a strategy needs from the run beyond its plan (the queue strategy: its Redis and its workers, in
 * its process's environment), or why it cannot run in this run (no Redis); undefined: nothing.
 */
export type PointNeeds =
  | { readonly env: Readonly<Record<string, string>> }
  | { readonly unavailable: string }
  | undefined;

export type PointEnvironment = (strategy: string) => PointNeeds;

export interface SuiteEvents {
  pointStarted?(strategy: string, concurrency: number, index: number, total: number): void;
  pointFinished?(run: RunRecord, index: number, total: number): void;
  batchFinished?(done: number, planned: number): void;
}

/**
 * Every strategy at every concurrency, in that order, each point in a fresh
 * child process. A point that breaks is listed with its reason; the point
 * running at Ctrl-C is kept (interrupted) and no later point starts.
 */
export async function runSuite(
  strategies: readonly LoadedStrategy[],
  config: RunConfig,
  target: Target,
  signal: AbortSignal,
  events: SuiteEvents = {},
  pages: readonly PageCheck[] = [],
  needsOf: PointEnvironment = () => undefined,
): Promise<RunRecord[]> {
  // Jobs of the run's workload cycling through the target's URLs, like the post's list.
  const jobs = makeJobs(config.workload, target.urls, config.jobs);
  const reach = reachOf(config);
  const points = strategies.flatMap((loaded) =>
    widthsFor(loaded, config.concurrency).map((concurrency) => ({ loaded, concurrency })),
  );
  const runs: RunRecord[] = [];
  for (const [index, { loaded, concurrency }] of points.entries()) {
    if (signal.aborted) break;
    const { manifest } = loaded;
    events.pointStarted?.(manifest.name, concurrency, index, points.length);
    const needs = needsOf(manifest.name);
    const skipped =
      skipReason(loaded, concurrency, reach) ?? (needs && 'unavailable' in needs ? needs.unavailable : undefined);
    const plan = {
      manifest,
      concurrency,
      jobs,
      timeoutMs: config.timeoutMs,
      maxBodyBytes: config.maxBodyBytes,
      maxRedirects: config.maxRedirects,
      retries: config.retries,
      // Only when allowed: a strategy built against an older core refuses options it does not know.
      ...(reach.allowRemote ? { allowRemote: true, maxPerOrigin: reach.maxPerOrigin } : {}),
      iterations: batchesFor(config.batches, config.jobs, concurrency, estimatedLatencyMs(config)),
      timeMs: config.timeMs,
      ...(target.controlUrl ? { controlUrl: target.controlUrl } : {}),
      ...clientOptions(config.protocol, target.ca),
      ...(target.pid !== undefined ? { serverPid: target.pid } : {}),
      ...(pages.length > 0 ? { pages: [...pages] } : {}),
    };
    const rule = { ...plan, jobs: jobs.length, hashedBytes: hashedBytes(config, pages) };
    const run: RunRecord = skipped
      ? { ...pointKey(manifest.name, concurrency, jobs.length), skipped }
      : await forkPoint({
          plan,
          silenceAllowedMs: (phase, reportsProgress) => silenceAllowedMs(rule, phase, reportsProgress),
          signal,
          ...(needs && 'env' in needs ? { env: needs.env } : {}),
          ...(events.batchFinished ? { onBatch: events.batchFinished } : {}),
        });
    runs.push(run);
    events.pointFinished?.(run, index, points.length);
  }
  return runs;
}

/**
 * The grid for one strategy. A strategy whose own limit is below every W of
 * the grid (sequential at W = 2) also runs once at that limit, first: it is
 * the baseline the others are compared with, so it is never missing. The W
 * above the limit stay in the list as skipped points, with the reason.
 */
export function widthsFor({ definition }: Pick<LoadedStrategy, 'definition'>, grid: readonly number[]): number[] {
  const max = definition.maxConcurrency;
  if (max === undefined || grid.some((w) => w <= max)) return [...grid];
  return [max, ...grid];
}

/** A job's latency as the batch plan estimates it: the pages' plus the relay's round trip; unknown (0) for --url. */
function estimatedLatencyMs(config: RunConfig): number {
  return config.urls ? 0 : meanLatencyMs(config.pages) + (config.network?.rttMs ?? 0);
}

/** A mixed job's hashing in bytes (largest known page, else --max-body, × rounds): part of its worst case. */
function hashedBytes(config: RunConfig, pages: readonly PageCheck[]): number {
  if (config.workload.workload !== 'mixed') return 0;
  const known = pages.map((page) => page.bytes);
  const largest =
    known.every((bytes) => bytes !== undefined) && known.length > 0
      ? Math.max(...(known as number[]))
      : config.maxBodyBytes;
  return largest * config.workload.hashRounds;
}

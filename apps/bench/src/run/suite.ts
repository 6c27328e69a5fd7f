import type { RunConfig } from '../config.js';
import { batchesFor, meanLatencyMs } from '../profiles.js';
import type { RunRecord } from '../report/schema.js';
import type { LoadedStrategy } from '../strategies/external.js';
import type { Target } from '../target/target.js';
import { hasRemoteHost } from '../target/urls.js';
import { runPoint } from './point.js';

export interface SuiteEvents {
  pointStarted?(strategy: string, concurrency: number, index: number, total: number): void;
  pointFinished?(run: RunRecord, index: number, total: number): void;
  batchFinished?(done: number, planned: number): void;
}

/** Every strategy at every concurrency, in that order. A point that breaks is listed with its reason. */
export async function runSuite(
  strategies: readonly LoadedStrategy[],
  config: RunConfig,
  target: Target,
  signal: AbortSignal,
  events: SuiteEvents = {},
): Promise<RunRecord[]> {
  const jobs = target.jobs(config.jobs);
  const points = strategies.flatMap((loaded) => config.concurrency.map((concurrency) => ({ loaded, concurrency })));
  const runs: RunRecord[] = [];
  for (const [index, { loaded, concurrency }] of points.entries()) {
    if (signal.aborted) break;
    events.pointStarted?.(loaded.manifest.name, concurrency, index, points.length);
    let run: RunRecord;
    try {
      run = await runPoint({
        ...loaded,
        concurrency,
        jobs,
        timeoutMs: config.timeoutMs,
        maxBodyBytes: config.maxBodyBytes,
        maxRedirects: config.maxRedirects,
        retries: config.retries,
        maxInFlight: hasRemoteHost(config.urls) ? config.maxPerHost : undefined,
        iterations: batchesFor(config.batches, config.jobs, concurrency, config.urls ? 0 : meanLatencyMs(config.pages)),
        timeMs: config.timeMs,
        target,
        signal,
        ...(events.batchFinished ? { onBatch: events.batchFinished } : {}),
      });
    } catch (error) {
      run = {
        strategy: loaded.manifest.name,
        concurrency,
        jobs: jobs.length,
        skipped: `error: ${(error as Error).message}`,
      };
    }
    if (signal.aborted && 'skipped' in run) break;
    runs.push(run);
    events.pointFinished?.(run, index, points.length);
  }
  return runs;
}

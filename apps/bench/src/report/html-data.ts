import { formatBytes, formatMs } from '../format.js';
import { isSkipped, type Report } from '../model/schema.js';
import { describeRounds, describeWorkload, networkRows } from './settings-text.js';

/**
 * The one place where the HTML report reads the stored report: everything the charts and tables show is mapped
 * here from stored fields (nothing is recomputed), so a change of the report model is adapted in this file only.
 */

/** One completed point, flat, as the charts and the tables use it. Units are in the names. */
export interface HtmlPoint {
  readonly strategy: string;
  readonly concurrency: number;
  readonly jobs: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly batchMs: number;
  /** Relative margin of error, percent; null when the run did not measure one. */
  readonly rmePercent: number | null;
  /** batchMs ∓ rme, for the error bars; equal to batchMs when there is no rme. */
  readonly batchLowMs: number;
  readonly batchHighMs: number;
  /** The stored lower bound; null when the run has none. */
  readonly idealMs: number | null;
  readonly efficiency: number | null;
  readonly speedup: number | null;
  readonly overBaseline: number | null;
  readonly knee: boolean;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly peakRssMiB: number;
  readonly startupMs: number;
  readonly cpuMsPerBatch: number;
  /** Failures per error code, from the batch with the most failures. */
  readonly errors: readonly (readonly [code: string, count: number])[];
}

export interface HtmlSkipped {
  readonly strategy: string;
  readonly concurrency: number;
  readonly reason: string;
}

export interface HtmlData {
  readonly title: string;
  readonly interrupted: boolean;
  readonly points: readonly HtmlPoint[];
  readonly skipped: readonly HtmlSkipped[];
  /** Points whose time may not be the strategy's alone (measurementWarnings), plain text. */
  readonly warnings: readonly string[];
  /** Strategies in the order the report lists them, and every W, ascending. */
  readonly strategies: readonly string[];
  readonly widths: readonly number[];
  /** Label and value pairs, plain text (escaped by the renderer). */
  readonly environment: readonly (readonly [string, string])[];
  readonly settings: readonly (readonly [string, string])[];
}

export function htmlDataOf(report: Report): HtmlData {
  const { environment: env, settings } = report;
  const points: HtmlPoint[] = [];
  const skipped: HtmlSkipped[] = [];
  for (const run of report.runs) {
    if (isSkipped(run)) {
      skipped.push({ strategy: run.strategy, concurrency: run.concurrency, reason: run.skipped });
      continue;
    }
    const rme = run.rme;
    const spread = rme === null ? 0 : (run.meanBatchMs * rme) / 100;
    // The tighter of the two stored floors is the bound drawn; its efficiency is the larger of the two stored ones.
    const floors = [run.bounds?.latencyFloorMs, run.bounds?.capacityFloorMs].filter((ms) => typeof ms === 'number');
    const efficiencies = [run.efficiency?.latency, run.efficiency?.capacity].filter((e) => typeof e === 'number');
    points.push({
      strategy: run.strategy,
      concurrency: run.concurrency,
      jobs: run.jobs,
      succeeded: run.worstBatch.succeeded,
      failed: run.worstBatch.failed,
      batchMs: run.meanBatchMs,
      rmePercent: rme,
      // A log axis has no 0: an rme of 100% or more draws the bar down to a hundredth of the mean.
      batchLowMs: Math.max(run.meanBatchMs / 100, run.meanBatchMs - spread),
      batchHighMs: run.meanBatchMs + spread,
      idealMs: floors.length > 0 && Math.max(...floors) > 0 ? Math.max(...floors) : null,
      efficiency: efficiencies.length > 0 ? Math.max(...efficiencies) : null,
      speedup: run.speedup ?? null,
      overBaseline: run.overBaseline ?? null,
      knee: run.knee === run.concurrency,
      requestsPerSecond: run.requestsPerSecond,
      p50Ms: run.latencyMs.p50,
      p90Ms: run.latencyMs.p90,
      p99Ms: run.latencyMs.p99,
      peakRssMiB: run.peakRssBytes / 2 ** 20,
      startupMs: run.startupMs,
      cpuMsPerBatch: run.cpuMsPerBatch,
      errors: Object.entries(run.worstBatch.errors),
    });
  }
  const batches = settings.batches;
  return {
    title: `fanout report: ${settings.profile}, ${report.finishedAt}`,
    interrupted: report.interrupted,
    points,
    skipped,
    warnings: report.runs.flatMap((run) =>
      isSkipped(run)
        ? []
        : (run.measurementWarnings ?? []).map((text) => `${run.strategy} at W = ${run.concurrency}: ${text}`),
    ),
    strategies: [...new Set(report.runs.map((run) => run.strategy))],
    widths: [...new Set(report.runs.map((run) => run.concurrency))].sort((a, b) => a - b),
    environment: [
      ['Node', env.node],
      ['Platform', `${env.platform} ${env.arch} (${env.osRelease})`],
      ['CPUs', `${env.cpus} × ${env.cpuModel}`],
      ['Memory', formatBytes(env.totalMemoryBytes)],
      ['Host', env.hostname],
      ['Started', env.startedAt],
      ['Finished', report.finishedAt],
    ],
    settings: [
      ['Profile', settings.profile],
      ['Strategies', settings.strategies.join(', ')],
      ['Concurrency W', settings.concurrency.join(', ')],
      ['Workload', describeWorkload(settings)],
      ['Jobs per batch', String(settings.jobs)],
      ...networkRows(settings),
      ['Timed batches per point', batches.min === batches.max ? `${batches.min}` : `${batches.min} to ${batches.max}`],
      ...(settings.repeat ? [['Rounds', describeRounds(settings.repeat)] as const] : []),
      ['Timeout per request', formatMs(settings.timeoutMs)],
      ['Retries', String(settings.retries)],
      ...(settings.faults ? [['Faults', settings.faults] as const] : []),
      ...(report.calibration
        ? [['Calibrated capacity', `${Math.round(report.calibration.capacityRps.median)} req/s (median)`] as const]
        : []),
      ['Target', report.target],
    ],
  };
}

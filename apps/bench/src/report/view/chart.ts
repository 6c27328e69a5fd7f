import { type CompletedRun, isMeasuredPeer, isSkipped, type Report } from '../../model/schema.js';

/** One completed point, flat, as the charts draw it. Units are in the names. */
export interface ChartPoint {
  readonly strategy: string;
  readonly concurrency: number;
  readonly batchMs: number;
  /** Relative margin of error, percent; null when unknown. */
  readonly rmePercent: number | null;
  /** batchMs ∓ rme, for the error bars (a log axis has no 0: at least a hundredth of the mean). */
  readonly batchLowMs: number;
  readonly batchHighMs: number;
  readonly latencyFloorMs: number | null;
  readonly capacityEstimateMs: number | null;
  readonly speedup: number | null;
  readonly requestsPerSecond: number;
  readonly cpuUsPerRequest: number | null;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly peakRssMiB: number;
  readonly startupMs: number;
  readonly knee: boolean;
}

/** A measured peer, drawn beside the strategies at its W. */
export interface ChartPeer {
  readonly name: string;
  readonly concurrency: number;
  readonly batchMs: number;
  readonly requestsPerSecond: number;
  readonly cpuUsPerRequest: number | null;
}

/** The references at one W (every point at W runs the same jobs, so faces the same floor and estimate). */
export interface ChartReference {
  readonly concurrency: number;
  readonly latencyFloorMs: number | null;
  readonly capacityEstimateMs: number | null;
}

export function chartPoints(report: Report): ChartPoint[] {
  return report.runs
    .filter((run): run is CompletedRun => !isSkipped(run))
    .map((run) => {
      const spread = run.rme === null ? 0 : (run.meanBatchMs * run.rme) / 100;
      return {
        strategy: run.strategy,
        concurrency: run.concurrency,
        batchMs: run.meanBatchMs,
        rmePercent: run.rme,
        batchLowMs: Math.max(run.meanBatchMs / 100, run.meanBatchMs - spread),
        batchHighMs: run.meanBatchMs + spread,
        latencyFloorMs: run.latencyFloorMs ?? null,
        capacityEstimateMs: run.capacityEstimateMs ?? null,
        speedup: run.speedup ?? null,
        requestsPerSecond: run.requestsPerSecond,
        cpuUsPerRequest: run.cpuUsPerRequest ?? null,
        p50Ms: run.latencyMs.p50,
        p90Ms: run.latencyMs.p90,
        p99Ms: run.latencyMs.p99,
        peakRssMiB: run.peakRssBytes / 2 ** 20,
        startupMs: run.startupMs,
        knee: run.knee === run.concurrency,
      };
    });
}

export function chartPeers(report: Report): ChartPeer[] {
  return (report.peers ?? []).filter(isMeasuredPeer).map((peer) => ({
    name: peer.strategy,
    concurrency: peer.concurrency,
    batchMs: peer.meanBatchMs,
    requestsPerSecond: peer.requestsPerSecond,
    cpuUsPerRequest: peer.cpuUsPerRequest ?? null,
  }));
}

/** The stored floor and estimate at each W, ascending, where any record at that W has them. */
export function chartReferences(report: Report): ChartReference[] {
  const records = [
    ...report.runs.filter((run): run is CompletedRun => !isSkipped(run)),
    ...(report.peers ?? []).filter(isMeasuredPeer),
  ];
  const widths = [...new Set(records.map((record) => record.concurrency))].sort((a, b) => a - b);
  return widths.flatMap((w) => {
    const at = records.filter((record) => record.concurrency === w);
    const latencyFloorMs = at.find((record) => record.latencyFloorMs)?.latencyFloorMs ?? null;
    const capacityEstimateMs = at.find((record) => record.capacityEstimateMs)?.capacityEstimateMs ?? null;
    return latencyFloorMs === null && capacityEstimateMs === null
      ? []
      : [{ concurrency: w, latencyFloorMs, capacityEstimateMs }];
  });
}

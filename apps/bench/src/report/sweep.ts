import { type CompletedRun, isSkipped, type Report, type RunRecord } from '../model/schema.js';

/** A point is at the knee when its batch time is within this fraction of its strategy's best. */
export const KNEE_TOLERANCE = 0.1;

export interface PointAnalysis {
  /**
   * The lower bound for the batch: ceil(jobs / W) rounds of one request each, every request taking at least the
   * added latency. 0 when the latency is 0 (an external target, or a server without added latency): there is no
   * meaningful bound then.
   */
  idealMs: number;
  /** idealMs / wallMs, 1 = at the bound. 0 when idealMs is 0 (no bound) or wallMs is 0. */
  efficiency: number;
  /** wallMs of the same strategy at W = 1 divided by this wallMs; undefined without a completed W = 1 run. */
  speedup: number | undefined;
}

export interface SweepAnalysis {
  /** Keyed by pointKey(strategy, W); completed runs only. */
  perRun: Map<string, PointAnalysis>;
  /** Strategy → the smallest W whose batch time is within 10% of that strategy's best. */
  knees: Map<string, number>;
}

export function pointKey(strategy: string, concurrency: number): string {
  return `${strategy}@${concurrency}`;
}

/**
 * The lower bound for one batch: ceil(jobs ÷ W) rounds of requests that each wait the added latency, and never
 * less than the jobs at the target's measured capacity (req/s, when known). 0 when neither bound applies.
 */
export function idealBatchMs(
  jobs: number,
  concurrency: number,
  perRequestLatencyMs: number,
  capacityRps?: number,
): number {
  const latencyBound = perRequestLatencyMs > 0 ? Math.ceil(jobs / concurrency) * perRequestLatencyMs : 0;
  const capacityBound = capacityRps !== undefined && capacityRps > 0 ? (jobs * 1000) / capacityRps : 0;
  return Math.max(latencyBound, capacityBound);
}

/**
 * The target's capacity in req/s: the larger of the probe before the run (when
 * there was one) and the best any point of this run reached. A probe can only
 * underestimate what the target serves; what a strategy achieved, it can serve.
 */
export function effectiveCapacity(runs: readonly RunRecord[], probedRps: number | undefined): number | undefined {
  const best = Math.max(
    0,
    ...runs.filter((run): run is CompletedRun => !isSkipped(run)).map((run) => run.requestsPerSecond),
  );
  const capacity = Math.max(probedRps ?? 0, best);
  return capacity > 0 ? capacity : undefined;
}

/** Pure: derives the sweep figures from the completed runs; skipped runs are ignored. */
export function analyseSweep(
  runs: readonly RunRecord[],
  perRequestLatencyMs: number,
  jobs: number,
  capacityRps?: number,
): SweepAnalysis {
  const completed = runs.filter((run): run is CompletedRun => !isSkipped(run));
  const capacity = effectiveCapacity(runs, capacityRps);
  const baseline = new Map<string, number>();
  for (const run of completed) if (run.concurrency === 1) baseline.set(run.strategy, run.wallMs);

  const perRun = new Map<string, PointAnalysis>();
  for (const run of completed) {
    const idealMs = idealBatchMs(jobs, run.concurrency, perRequestLatencyMs, capacity);
    const base = baseline.get(run.strategy);
    perRun.set(pointKey(run.strategy, run.concurrency), {
      idealMs,
      efficiency: idealMs > 0 && run.wallMs > 0 ? idealMs / run.wallMs : 0,
      speedup: base !== undefined && run.wallMs > 0 ? base / run.wallMs : undefined,
    });
  }
  return { perRun, knees: findKnees(completed) };
}

function findKnees(completed: readonly CompletedRun[]): Map<string, number> {
  const best = new Map<string, number>();
  for (const run of completed) best.set(run.strategy, Math.min(best.get(run.strategy) ?? run.wallMs, run.wallMs));
  const knees = new Map<string, number>();
  for (const run of completed) {
    const limit = (best.get(run.strategy) ?? 0) * (1 + KNEE_TOLERANCE);
    const current = knees.get(run.strategy);
    if (run.wallMs <= limit && (current === undefined || run.concurrency < current)) {
      knees.set(run.strategy, run.concurrency);
    }
  }
  return knees;
}

/**
 * The sweep figures for a report: the ones the report already carries where present (reports written by newer
 * versions store idealMs, efficiency, speedup on each completed run and `knee` per strategy), computed otherwise.
 * Stored values win so a report renders the same as when it was written.
 */
export function sweepOf(report: Report): SweepAnalysis {
  const computed = analyseSweep(report.runs, report.settings.latencyMs, report.settings.jobs, report.capacityRps);
  for (const run of report.runs) {
    if (isSkipped(run)) continue;
    // Read through an index signature: the fields are not in this version's schema, so zod-typed runs lack them.
    const extra: Readonly<Record<string, unknown>> = run;
    const key = pointKey(run.strategy, run.concurrency);
    const point = computed.perRun.get(key);
    if (point) {
      computed.perRun.set(key, {
        idealMs: numberOr(extra.idealMs, point.idealMs),
        efficiency: numberOr(extra.efficiency, point.efficiency),
        speedup: numberOr(extra.speedup, point.speedup),
      });
    }
    const knee = extra.knee;
    if (typeof knee === 'number' && Number.isInteger(knee) && knee >= 1) computed.knees.set(run.strategy, knee);
  }
  return computed;
}

function numberOr<T extends number | undefined>(value: unknown, fallback: T): number | T {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

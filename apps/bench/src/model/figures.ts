import { capacityFloorMs, efficiencyAgainst, latencyFloorMs } from './bounds.js';
import { findKnee } from './knee.js';
import { type Calibration, type CompletedRun, isSkipped, type Knee, type RunRecord } from './schema.js';

/** What the bounds are computed from: per-job latencies (null when unknown) and the calibration (when there was one). */
export interface BoundInputs {
  /** One added latency per job of the batch, in job order; null when not known (no latency bound then). */
  readonly jobLatenciesMs: readonly number[] | null;
  readonly calibration: Calibration | undefined;
}

/** The strategy every other is compared with: one job at a time, the post's W = 1. */
export const BASELINE_STRATEGY = 'sequential';

/**
 * The sweep figures, computed once, in the run, and stored on each completed run: bounds, efficiency against each,
 * speed-up over W = 1 and over the baseline strategy, and the strategy's knee. Renderers only read them.
 */
export function annotateRuns(runs: readonly RunRecord[], inputs: BoundInputs): RunRecord[] {
  const completed = runs.filter((run): run is CompletedRun => !isSkipped(run));
  const baseline = new Map<string, number>();
  for (const run of completed) if (run.concurrency === 1) baseline.set(run.strategy, run.meanBatchMs);
  // The baseline strategy's lowest W (it runs only at W = 1 when it is sequential).
  const reference = completed
    .filter((run) => run.strategy === BASELINE_STRATEGY && run.meanBatchMs > 0)
    .sort((a, b) => a.concurrency - b.concurrency)[0]?.meanBatchMs;
  const knees = new Map<string, Knee>();
  for (const strategy of new Set(completed.map((run) => run.strategy))) {
    const curve = completed.filter((run) => run.strategy === strategy && run.meanBatchMs > 0);
    knees.set(
      strategy,
      findKnee(curve.map((run) => ({ concurrency: run.concurrency, meanMs: run.meanBatchMs, rme: run.rme }))),
    );
  }
  return runs.map((run) => (isSkipped(run) ? run : annotateRun(run, inputs, { baseline, reference }, knees)));
}

function annotateRun(
  run: CompletedRun,
  inputs: BoundInputs,
  { baseline, reference }: { baseline: ReadonlyMap<string, number>; reference: number | undefined },
  knees: ReadonlyMap<string, Knee>,
): CompletedRun {
  const latency = inputs.jobLatenciesMs ? latencyFloorMs(inputs.jobLatenciesMs, run.concurrency) : 0;
  const latencyFloor = latency > 0 ? latency : null;
  const capacityFloor = capacityFloorMs(run.jobs, inputs.calibration?.capacityRps.max) ?? null;
  const beaten = [
    latencyFloor !== null && run.meanBatchMs < latencyFloor ? `latency floor ${latencyFloor.toFixed(1)} ms` : undefined,
    capacityFloor !== null && run.meanBatchMs < capacityFloor
      ? `capacity floor ${capacityFloor.toFixed(1)} ms`
      : undefined,
  ].filter((text) => text !== undefined);
  const base = baseline.get(run.strategy);
  const knee = knees.get(run.strategy);
  return {
    ...run,
    bounds: { latencyFloorMs: latencyFloor, capacityFloorMs: capacityFloor },
    efficiency: {
      latency: efficiencyAgainst(latencyFloor, run.meanBatchMs),
      capacity: efficiencyAgainst(capacityFloor, run.meanBatchMs),
    },
    ...(beaten.length > 0
      ? { calibrationWarning: `faster than the ${beaten.join(' and the ')}: the calibration underestimated the target` }
      : {}),
    ...(base !== undefined && run.meanBatchMs > 0 ? { speedup: base / run.meanBatchMs } : {}),
    ...(reference !== undefined && run.meanBatchMs > 0 ? { overBaseline: reference / run.meanBatchMs } : {}),
    ...(knee !== undefined ? { knee } : {}),
  };
}

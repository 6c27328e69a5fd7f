import { capacityFloorMs, efficiencyAgainst, latencyFloorMs } from './bounds.js';
import { findKnee } from './knee.js';
import { type Calibration, type CompletedRun, isSkipped, type Knee, type RunRecord } from './schema.js';

/** What the bounds are computed from: per-job latencies (null when unknown) and the calibration (when there was one). */
export interface BoundInputs {
  /** One added latency per job of the batch, in job order; null when not known (no latency bound then). */
  readonly jobLatenciesMs: readonly number[] | null;
  readonly calibration: Calibration | undefined;
}

/**
 * The sweep figures, computed once, in the run, and stored on each completed run: bounds, efficiency against each,
 * speed-up over W = 1, and the strategy's knee. Renderers only read them.
 */
export function annotateRuns(runs: readonly RunRecord[], inputs: BoundInputs): RunRecord[] {
  const completed = runs.filter((run): run is CompletedRun => !isSkipped(run));
  const baseline = new Map<string, number>();
  for (const run of completed) if (run.concurrency === 1) baseline.set(run.strategy, run.meanBatchMs);
  const knees = new Map<string, Knee>();
  for (const strategy of new Set(completed.map((run) => run.strategy))) {
    const curve = completed.filter((run) => run.strategy === strategy && run.meanBatchMs > 0);
    knees.set(
      strategy,
      findKnee(curve.map((run) => ({ concurrency: run.concurrency, meanMs: run.meanBatchMs, rme: run.rme }))),
    );
  }
  return runs.map((run) => (isSkipped(run) ? run : annotateRun(run, inputs, baseline, knees)));
}

function annotateRun(
  run: CompletedRun,
  inputs: BoundInputs,
  baseline: ReadonlyMap<string, number>,
  knees: ReadonlyMap<string, Knee>,
): CompletedRun {
  const latency = inputs.jobLatenciesMs ? latencyFloorMs(inputs.jobLatenciesMs, run.concurrency) : 0;
  const latencyFloor = latency > 0 ? latency : null;
  const capacityFloor = capacityFloorMs(run.jobs, inputs.calibration?.capacityRps.median) ?? null;
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
    ...(knee !== undefined ? { knee } : {}),
  };
}

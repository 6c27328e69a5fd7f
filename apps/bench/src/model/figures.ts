import { capacityEstimateMs, efficiencyAgainst, latencyFloorMs } from './bounds.js';
import { findKnee } from './knee.js';
import {
  type Calibration,
  type CompletedRun,
  isSkipped,
  type Knee,
  type PeerRecord,
  type PeerRun,
  type RunRecord,
} from './schema.js';

/** What the bounds are computed from: per-job latencies (null when unknown) and the calibration (when there was one). */
export interface BoundInputs {
  /** One added latency per job of the batch, in job order; null when not known (no latency bound then). */
  readonly jobLatenciesMs: readonly number[] | null;
  readonly calibration: Calibration | undefined;
}

/** The strategy every other is compared with: one job at a time, the post's W = 1. */
export const BASELINE_STRATEGY = 'sequential';

/** The capacity estimate's rate: the calibration's best measured rate (its fastest round), not its median. */
export function capacityEstimateRps(calibration: Calibration | undefined): number | undefined {
  return calibration?.capacityRps.max;
}

/** What a record's reference figures are computed from: its own timing and CPU, and the run's references. */
export interface ReferenceInputs {
  readonly jobs: number;
  readonly meanBatchMs: number;
  readonly cpuMsPerBatch: number | undefined;
  readonly latencyFloorMs: number | null;
  readonly capacityRps: number | undefined;
}

/**
 * CPU per request, the latency floor, the capacity estimate and the efficiency against each, for a point or a peer:
 * one formula for both, and for migrating older reports (model/migrate.ts), which store the floor but not the rest.
 */
export function referenceFigures(inputs: ReferenceInputs) {
  const floor = inputs.latencyFloorMs !== null && inputs.latencyFloorMs > 0 ? inputs.latencyFloorMs : null;
  const estimate = capacityEstimateMs(inputs.jobs, inputs.capacityRps) ?? null;
  const cpu = inputs.cpuMsPerBatch;
  return {
    ...(cpu !== undefined && inputs.jobs > 0 ? { cpuUsPerRequest: (cpu * 1000) / inputs.jobs } : {}),
    latencyFloorMs: floor,
    capacityEstimateMs: estimate,
    efficiency: {
      latency: efficiencyAgainst(floor, inputs.meanBatchMs),
      capacity: efficiencyAgainst(estimate, inputs.meanBatchMs),
    },
  };
}

function referencesOf(record: CompletedRun | PeerRun, inputs: BoundInputs) {
  return referenceFigures({
    jobs: record.jobs,
    meanBatchMs: record.meanBatchMs,
    cpuMsPerBatch: record.cpuMsPerBatch,
    latencyFloorMs: inputs.jobLatenciesMs ? latencyFloorMs(inputs.jobLatenciesMs, record.concurrency) : null,
    capacityRps: capacityEstimateRps(inputs.calibration),
  });
}

/**
 * The sweep figures, computed once, in the run, and stored on each completed run: CPU per request, the latency
 * floor and the capacity estimate with the efficiency against each, speed-up over W = 1 and over the baseline
 * strategy, and the strategy's knee. Renderers only read them.
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
  return runs.map((run) => {
    if (isSkipped(run)) return run;
    const base = baseline.get(run.strategy);
    const knee = knees.get(run.strategy);
    return {
      ...run,
      ...referencesOf(run, inputs),
      ...(base !== undefined && run.meanBatchMs > 0 ? { speedup: base / run.meanBatchMs } : {}),
      ...(reference !== undefined && run.meanBatchMs > 0 ? { overBaseline: reference / run.meanBatchMs } : {}),
      ...(knee !== undefined ? { knee } : {}),
    };
  });
}

/** The same reference figures for the peers: they run the same jobs at the same W, so they face the same floor. */
export function annotatePeers(peers: readonly PeerRecord[], inputs: BoundInputs): PeerRecord[] {
  return peers.map((peer) => ('skipped' in peer ? peer : { ...peer, ...referencesOf(peer, inputs) }));
}

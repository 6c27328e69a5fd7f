import { BASELINE_STRATEGY } from './figures.js';
import { type CompletedRun, isSkipped, type MeasurementWarning, type RunRecord } from './schema.js';

/** Other work above this share of one core, on average over the timed batches: the point shared the machine. */
export const SHARED_CORE_SHARE = 0.25;
/**
 * On the cpu workload every strategy computes the same sums, so CPU per job differs only by the strategy's own
 * overhead (a pool's messages: 1.00–1.10× sequential's measured in clean runs, docs/performance.md). Above this,
 * its code ran slower: a slower V8 tier, or cores shared with other work (a hyperthread or a hypervisor's steal
 * inflates CPU time).
 */
export const SLOW_CODE_RATIO = 1.15;
/**
 * On the cpu workload a point that keeps min(W, cores) cores busy is that many times faster than sequential; in clean
 * runs the pools reach 1.8-2.0x on 2 cores (docs/performance.md). Below this share of it, with CPU per job like
 * sequential's, its threads waited rather than ran slower code (issue 17: 1.47x in one of three runs).
 */
export const WAITED_SHARE = 0.85;
/** Cores busy on average (CPU ÷ batch time) above this: the point ran on more than one core, so it could wait. */
const PARALLEL_CORES = 1.1;

/** The figures a point's warnings are read from (a stored run, or a version 2 record being migrated). */
export interface MeasuredFigures {
  readonly strategy: string;
  readonly concurrency: number;
  readonly jobs: number;
  readonly meanBatchMs: number;
  readonly cpuMsPerBatch: number;
  readonly otherCpuMsPerBatch?: number | undefined;
}

/**
 * Marks the points whose batch time may not be what the strategy alone costs, with the figure that says so (issue
 * 17: the same cpu run gave the thread pool 1.84×, 1.47× and 1.86× sequential, and nothing in the report said which
 * to trust). Pure: reads the stored CPU figures, adds `measurementWarnings`; the view words them.
 */
export function flagMeasurements(
  runs: readonly RunRecord[],
  workload: string | undefined,
  embeddedTarget = true,
  cores?: number,
): RunRecord[] {
  const completed = runs.filter((run): run is CompletedRun => !isSkipped(run));
  const baseline = baselineOf(completed);
  return runs.map((run) => {
    if (isSkipped(run)) return run;
    const warnings = measurementWarnings(run, { baseline, workload, embeddedTarget, cores });
    return warnings.length > 0 ? { ...run, measurementWarnings: warnings } : run;
  });
}

/** The sequential baseline's lowest W among `records`: what CPU per job is compared with. */
export function baselineOf<T extends MeasuredFigures>(records: readonly T[]): T | undefined {
  return records
    .filter((record) => record.strategy === BASELINE_STRATEGY)
    .sort((a, b) => a.concurrency - b.concurrency)[0];
}

interface Context {
  readonly baseline: MeasuredFigures | undefined;
  readonly workload: string | undefined;
  readonly embeddedTarget: boolean;
  /** The machine's cores (the report's environment); unknown: no `waited` warning. */
  readonly cores?: number | undefined;
}

/** One point's warnings, in the order the view lists them. */
export function measurementWarnings(run: MeasuredFigures, context: Context): MeasurementWarning[] {
  const warnings: MeasurementWarning[] = [];
  if (run.otherCpuMsPerBatch !== undefined && run.meanBatchMs > 0) {
    const coreShare = run.otherCpuMsPerBatch / run.meanBatchMs;
    // The embedded server's CPU is left out; a --url server on this machine cannot be told from other work.
    if (coreShare > SHARED_CORE_SHARE) {
      warnings.push({ kind: 'shared-machine', coreShare, targetCounted: !context.embeddedTarget });
    }
  }
  const { baseline } = context;
  if (context.workload === 'cpu' && baseline && baseline !== run && run.strategy !== baseline.strategy) {
    if (baseline.cpuMsPerBatch > 0 && run.jobs === baseline.jobs) {
      const cpuOverBaseline = run.cpuMsPerBatch / baseline.cpuMsPerBatch;
      if (cpuOverBaseline > SLOW_CODE_RATIO) warnings.push({ kind: 'slow-code', cpuOverBaseline });
      const waited = waitedWarning(run, baseline, context.cores);
      if (cpuOverBaseline <= SLOW_CODE_RATIO && waited) warnings.push(waited);
    }
  }
  return warnings;
}

/** A point on more than one core whose speed-up over sequential falls short of WAITED_SHARE of its usable cores. */
function waitedWarning(run: MeasuredFigures, baseline: MeasuredFigures, cores: number | undefined) {
  if (cores === undefined || run.meanBatchMs <= 0) return undefined;
  const lanes = Math.min(run.concurrency, cores);
  const speedup = baseline.meanBatchMs / run.meanBatchMs;
  const parallel = run.cpuMsPerBatch / run.meanBatchMs > PARALLEL_CORES;
  return lanes > 1 && parallel && speedup < WAITED_SHARE * lanes
    ? { kind: 'waited' as const, speedup, lanes }
    : undefined;
}

/** Whether a point carries a measurement warning of `kind` (the view puts ⚠ on the figure it misleads). */
export function measurementFlagged(run: CompletedRun, kind: MeasurementWarning['kind']): boolean {
  return run.measurementWarnings?.some((flag) => flag.kind === kind) ?? false;
}

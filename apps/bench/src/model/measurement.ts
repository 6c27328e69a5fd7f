import { BASELINE_STRATEGY } from './figures.js';
import { type CompletedRun, isSkipped, type RunRecord } from './schema.js';

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
 * Marks the points whose batch time may not be what the strategy alone costs, with why (issue 17: the same cpu run
 * gave the thread pool 1.84×, 1.47× and 1.86× sequential, and nothing in the report said which to trust). Pure:
 * reads the stored CPU figures, adds `measurementWarnings`.
 */
export function flagMeasurements(
  runs: readonly RunRecord[],
  workload: string | undefined,
  embeddedTarget = true,
): RunRecord[] {
  const baseline = runs
    .filter((run): run is CompletedRun => !isSkipped(run) && run.strategy === BASELINE_STRATEGY)
    .sort((a, b) => a.concurrency - b.concurrency)[0];
  return runs.map((run) => {
    if (isSkipped(run)) return run;
    const warnings = [
      sharedMachine(run, embeddedTarget),
      workload === 'cpu' && baseline && baseline !== run ? slowerCode(run, baseline) : undefined,
    ].filter((text): text is string => text !== undefined);
    return warnings.length > 0 ? { ...run, measurementWarnings: warnings } : run;
  });
}

function sharedMachine(run: CompletedRun, embeddedTarget: boolean): string | undefined {
  if (run.otherCpuMsPerBatch === undefined || run.meanBatchMs <= 0) return undefined;
  const share = run.otherCpuMsPerBatch / run.meanBatchMs;
  if (share <= SHARED_CORE_SHARE) return undefined;
  // The embedded server's CPU is left out; a --url server on this machine cannot be told from other work.
  const server = embeddedTarget ? '' : ' (a --url server on this machine counts as other work too)';
  return `other processes used ${Math.round(share * 100)}% of a core during its timed batches (${Math.round(run.otherCpuMsPerBatch)} ms of CPU per batch)${server}: it shared the machine, so its time is not its own`;
}

function slowerCode(run: CompletedRun, baseline: CompletedRun): string | undefined {
  if (baseline.cpuMsPerBatch <= 0 || run.jobs !== baseline.jobs) return undefined;
  const ratio = run.cpuMsPerBatch / baseline.cpuMsPerBatch;
  if (ratio <= SLOW_CODE_RATIO) return undefined;
  return `its CPU per job was ${ratio.toFixed(2)}× sequential's for the same sums: its code ran slower (a slower V8 tier, or cores shared with other work), so its speed over sequential is understated`;
}

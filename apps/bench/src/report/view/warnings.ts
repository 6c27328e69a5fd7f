import { formatMs, formatPercent, formatRatio } from '../../format.js';
import type { CompletedRun, MeasurementWarning } from '../../model/schema.js';
import type { Measured } from './columns.js';

/**
 * A figure that claims more than it proves, said per figure: a point below the latency floor breaks a proven bound
 * (loud: the server answered early or the floor's inputs are wrong); a point above the capacity estimate beat an
 * estimate, which is allowed, and is said with by how much. A point whose batch time is not the strategy's alone
 * (model/measurement.ts: it shared the machine, or on the cpu workload its code ran slower) is said on the figure
 * that misleads: the batch time, or × seq. Plain text; each renderer escapes it.
 */
export interface Warning {
  /** The row, as the tables label it ("async", "undici-pool (peer)"), and its W. */
  readonly label: string;
  readonly concurrency: number;
  /** The column whose cell carries the ⚠. */
  readonly figure: 'effLatency' | 'effCapacity' | 'batch' | 'overBaseline';
  readonly kind: 'broken-bound' | 'above-estimate' | MeasurementWarning['kind'];
  /** One short line (the chart's subtitle); `text` starts with it. */
  readonly short: string;
  readonly text: string;
}

export function warningsOf(row: Measured, label: string): Warning[] {
  const { run } = row;
  const at = `${label} at W = ${run.concurrency}`;
  const warnings: Warning[] = [];
  const latency = run.efficiency?.latency;
  if (latency !== undefined && latency !== null && latency > 1 && run.latencyFloorMs) {
    const short = `${at}: below the latency floor, a broken bound`;
    warnings.push({
      label,
      concurrency: run.concurrency,
      figure: 'effLatency',
      kind: 'broken-bound',
      short,
      text: `${short}: a batch of ${formatMs(run.meanBatchMs)} against a proven floor of ${formatMs(run.latencyFloorMs)}; the server answered early or the floor's inputs are wrong`,
    });
  }
  const capacity = run.efficiency?.capacity;
  if (capacity !== undefined && capacity !== null && capacity > 1 && run.capacityEstimateMs) {
    const short = `${at}: above the capacity estimate by ${formatPercent((capacity - 1) * 100)}`;
    warnings.push({
      label,
      concurrency: run.concurrency,
      figure: 'effCapacity',
      kind: 'above-estimate',
      short,
      text: `${short} (a batch of ${formatMs(run.meanBatchMs)} against ${formatMs(run.capacityEstimateMs)} at the calibration's best rate)`,
    });
  }
  if (row.kind === 'point')
    for (const flag of row.run.measurementWarnings ?? []) warnings.push(measured(row.run, flag, label));
  return warnings;
}

function measured(run: CompletedRun, flag: MeasurementWarning, label: string): Warning {
  const key = { label, concurrency: run.concurrency };
  const at = `${label} at W = ${run.concurrency}`;
  if (flag.kind === 'shared-machine') {
    const short = `${at}: shared the machine, other processes used ${Math.round(flag.coreShare * 100)}% of a core`;
    const cpu = run.otherCpuMsPerBatch === undefined ? '' : `${formatMs(run.otherCpuMsPerBatch)} of CPU per batch`;
    const server = flag.targetCounted ? `${cpu ? ', ' : ''}a --url server on this machine counted with them` : '';
    const detail = cpu || server ? ` (${cpu}${server})` : '';
    return {
      ...key,
      figure: 'batch',
      kind: flag.kind,
      short,
      text: `${short} during its timed batches${detail}, so its batch time is not its own`,
    };
  }
  if (flag.kind === 'waited') {
    const short = `${at}: ${formatRatio(flag.speedup)} sequential on ${flag.lanes} usable cores with CPU like sequential's`;
    return {
      ...key,
      figure: 'overBaseline',
      kind: flag.kind,
      short,
      text: `${short}: its threads waited (per-job messages, or cores taken by other work) instead of computing, so this run's speed over sequential is below what the strategy does on a quiet machine (docs/performance.md)`,
    };
  }
  const short = `${at}: its code ran slower, CPU per job ${formatRatio(flag.cpuOverBaseline)} sequential's`;
  return {
    ...key,
    figure: 'overBaseline',
    kind: flag.kind,
    short,
    text: `${short} for the same sums (a slower V8 tier, or cores shared with other work), so its speed over sequential is understated`,
  };
}

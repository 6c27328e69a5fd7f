import { formatMs, formatPercent } from '../../format.js';
import type { Measured } from './columns.js';

/**
 * A figure that claims more than it proves, said per figure: a point below the latency floor breaks a proven bound
 * (loud: the server answered early or the floor's inputs are wrong); a point above the capacity estimate beat an
 * estimate, which is allowed, and is said with by how much. Plain text; each renderer escapes it.
 */
export interface Warning {
  /** The row, as the tables label it ("async", "undici-pool (peer)"), and its W. */
  readonly label: string;
  readonly concurrency: number;
  /** The column whose cell carries the ⚠. */
  readonly figure: 'effLatency' | 'effCapacity';
  readonly kind: 'broken-bound' | 'above-estimate';
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
  return warnings;
}

import type { PeerMeasurement } from './peer.js';
import type { TimedBatch } from './protocol.js';

/** A peer's timed batches as a measurement: each batch's time, the mean CPU per batch, the last batch's answers. */
export function fromTimedBatches(
  batches: readonly TimedBatch[],
  rest: Omit<PeerMeasurement, 'batchesMs' | 'cpuMsPerBatch' | 'succeeded' | 'failed'>,
): PeerMeasurement {
  const last = batches.at(-1);
  return {
    batchesMs: batches.map((batch) => batch.ms),
    cpuMsPerBatch: batches.reduce((sum, batch) => sum + batch.cpuMs, 0) / Math.max(1, batches.length),
    ...(last ? { succeeded: last.succeeded, failed: last.failed } : {}),
    ...rest,
  };
}

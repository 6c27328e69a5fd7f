import { z } from 'zod';

/** The building blocks that points and peers share in the JSON report (schema.ts assembles them). */

export const count = z.number().int().min(0);
export const ms = z.number().min(0);

/** One round of --repeat, as measured by that round (model/repeat.ts): what paired ratios are taken from. */
export const roundSchema = z.object({
  meanBatchMs: ms,
  /** Absent where the round's record had no median (a report from before medians). */
  medianBatchMs: ms.optional(),
  /** Absent for a peer that did not measure its CPU. */
  cpuMsPerBatch: ms.optional(),
});

/**
 * One of a point's timed batches (`timedBatches`): wall time, CPU, the main thread's collecting and its full
 * collections. Not a peer's batch (peers/protocol.ts has its own: answers instead of collections).
 */
export const timedBatchSchema = z.object({ ms, cpuMs: ms, gcMs: ms, fullGcs: count });
export type TimedBatchFigures = z.infer<typeof timedBatchSchema>;

/** The timing of a point's (or a peer's) timed batches: one definition for both. */
export const batchTiming = {
  /** Mean batch time over the `samples` timed batches (tinybench); `wallMs` in v1. */
  meanBatchMs: ms,
  minMs: ms,
  maxMs: ms,
  /** Median batch time: robust to one batch the machine slowed down (absent in reports from before it was kept). */
  medianBatchMs: ms.optional(),
  /**
   * With --repeat: every round in run order, null where the round did not measure this point or peer (skipped,
   * interrupted); the record itself is its median round by mean batch time. Absent for a single round. Ratios
   * between points and peers are paired by the index in this list (model/pairing.ts).
   */
  rounds: z.array(roundSchema.nullable()).optional(),
  /** Relative margin of error of meanBatchMs, percent (95% confidence); null when fewer than two batches (unknown). */
  rme: z.number().min(0).nullable(),
  /** Timed batches. */
  samples: count,
  requestsPerSecond: z.number().min(0),
};

/**
 * Figures computed once, in the run (model/figures.ts), from the record and the run's inputs, for points and peers
 * alike; absent on a record that was never annotated (a point's own message, before the run stores it).
 */
export const derivedFigures = {
  /** CPU time per request in µs: cpuMsPerBatch × 1000 ÷ jobs. Absent without CPU per batch. */
  cpuUsPerRequest: ms.optional(),
  /**
   * The proven lower bound for the batch (model/bounds.ts): no batch of these jobs on W lanes can be faster. Null
   * without per-job latencies (a cpu run, an uncalibrated --url target).
   */
  latencyFloorMs: ms.nullable().optional(),
  /**
   * Not a bound: jobs at the calibration's best measured rate. A point may beat it (the calibration's client is
   * not the fastest there is); the report then says by how much. Null without a calibration.
   */
  capacityEstimateMs: ms.nullable().optional(),
  /**
   * latencyFloorMs ÷ meanBatchMs and capacityEstimateMs ÷ meanBatchMs, uncapped; null without that reference.
   * Above 1 for the latency floor is a broken bound (the server answered early, or the floor's inputs are wrong);
   * above 1 for the capacity estimate means the point beat the estimate by (capacity − 1).
   */
  efficiency: z.object({ latency: z.number().min(0).nullable(), capacity: z.number().min(0).nullable() }).optional(),
};

export type Round = z.infer<typeof roundSchema>;

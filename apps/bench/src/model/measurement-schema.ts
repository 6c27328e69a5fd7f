import { z } from 'zod';

/**
 * Why a point's batch time may not be what the strategy alone costs (model/measurement.ts, issue 17): the figures
 * behind the warning, not its words (the view writes those, report/view/warnings.ts).
 */
export const measurementWarningSchema = z.discriminatedUnion('kind', [
  z.object({
    /** Other processes ran on the cores during its timed batches: its batch time carries the warning. */
    kind: z.literal('shared-machine'),
    /** otherCpuMsPerBatch ÷ meanBatchMs: how much of one core other work used. */
    coreShare: z.number().min(0),
    /** A --url target on this machine cannot be told from other work, so its server is counted in coreShare. */
    targetCounted: z.boolean(),
  }),
  z.object({
    /** cpu workload: its CPU per job well above sequential's for the same sums; its × seq carries the warning. */
    kind: z.literal('slow-code'),
    /** cpuMsPerBatch ÷ the sequential baseline's, same jobs. */
    cpuOverBaseline: z.number().min(0),
  }),
  z.object({
    /**
     * cpu workload: a point that ran on more than one core, with CPU like sequential's, yet sped up well below its
     * usable cores (its threads waited, e.g. on per-job messages); its × seq carries the warning.
     */
    kind: z.literal('waited'),
    /** Sequential's batch time ÷ its own. */
    speedup: z.number().min(0),
    /** min(W, the machine's cores): the speed-up its jobs allowed. */
    lanes: z.number().int().min(1),
  }),
]);

import { z } from 'zod';
import type { WarmUpDone } from '../harness/warm-up-rule.js';
import type { NodePeerReply, PythonStepReply, TimedBatch } from './protocol.js';

/** What the orchestrator accepts back from a peer's process (the protocol's types, checked at the edge). */

const count = z.number().int().min(0);
const ms = z.number().min(0);

const timedBatch = { ms, cpuMs: ms, succeeded: count, failed: count };

const warmUpSchema = z.object({
  slices: count,
  wholeBatches: count,
  jobs: count,
  ms,
}) satisfies z.ZodType<WarmUpDone>;

export const nodePeerReplySchema = z.object({
  batches: z.array(z.object(timedBatch) satisfies z.ZodType<TimedBatch>).min(1),
  warmUp: warmUpSchema,
  latencyMs: z.object({ p50: ms, p90: ms, p99: ms, max: ms }).optional(),
}) satisfies z.ZodType<NodePeerReply>;

export const pythonStepReplySchema = z.object({
  ...timedBatch,
  errors: z.record(z.string(), count),
}) satisfies z.ZodType<PythonStepReply>;

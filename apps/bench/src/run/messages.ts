import { z } from 'zod';
import { runSchema } from '../model/schema.js';

/**
 * What travels over the IPC channel between the orchestrator and a point's
 * child process (JSON). Both sides validate what they receive: the other end
 * is another process, and a strategy may have written anything into it.
 */

const count = z.number().int().min(0);

/** Parent → child, once: everything the child needs to load the strategy and run the point. */
export const pointPlanMessageSchema = z.object({
  type: z.literal('plan'),
  // The manifest as the parent read it (not re-checked: an external module's description is free text).
  manifest: z.object({
    name: z.string(),
    description: z.string(),
    entry: z.string(),
    export: z.string().optional(),
    packageName: z.string(),
    version: z.string(),
    dir: z.string(),
  }),
  concurrency: z.number().int().min(1),
  jobs: z.array(
    // Tagged kinds first: a download job (no kind) would otherwise swallow a mixed one.
    z.union([
      z.object({ id: count, kind: z.literal('cpu'), n: count }),
      z.object({ id: count, kind: z.literal('mixed'), url: z.string(), hashRounds: count }),
      z.object({ id: count, url: z.string() }),
    ]),
  ),
  timeoutMs: count,
  maxBodyBytes: count,
  maxRedirects: count,
  retries: count,
  iterations: count,
  timeMs: count,
  /** Base URL of the embedded fixture server, whose counters the point resets and reads; absent for --url. */
  controlUrl: z.string().optional(),
});

export type PointPlanMessage = z.infer<typeof pointPlanMessageSchema>;

/** Parent → child, on Ctrl-C: abort in-flight jobs and answer with the interrupted point. */
export const ABORT_MESSAGE = { type: 'abort' } as const;

/** Child → parent: progress after each timed batch, then exactly one result. */
export const childMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('batch'), done: count, planned: count }),
  z.object({ type: z.literal('result'), run: runSchema }),
]);

export type ChildMessage = z.infer<typeof childMessageSchema>;

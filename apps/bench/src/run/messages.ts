import type { Job } from '@fanout/core';
import { z } from 'zod';
import { pageCheckSchema, runSchema } from '../model/schema.js';

/**
 * What travels over the IPC channel between the orchestrator and a point's
 * child process (JSON). Both sides validate what they receive: the other end
 * is another process, and a strategy may have written anything into it.
 */

const count = z.number().int().min(0);

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** A job as the harness sends it: `{ id, url }`, `{ id, kind: 'cpu', n }` or `{ id, kind: 'mixed', url, hashRounds }`. */
export function isJob(value: unknown): value is Job {
  if (typeof value !== 'object' || value === null) return false;
  const job = value as Record<string, unknown>;
  if (!isCount(job.id)) return false;
  switch (job.kind) {
    case undefined:
      return typeof job.url === 'string';
    case 'cpu':
      return isCount(job.n);
    case 'mixed':
      return typeof job.url === 'string' && isCount(job.hashRounds);
    default:
      return false;
  }
}

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
  // Checked by a plain function, not a zod union: parsing 20,000 jobs through a union left the point's process
  // 8–25% slower for the rest of its life (the state the parse left in the heap; docs/performance.md).
  jobs: z.array(z.custom<Job>(isJob, { error: 'is not a download, cpu or mixed job' })),
  timeoutMs: count,
  maxBodyBytes: count,
  maxRedirects: count,
  retries: count,
  /** --allow-remote with --url targets: hops may leave this machine, at most maxPerOrigin in flight per origin. */
  allowRemote: z.boolean().optional(),
  maxPerOrigin: z.number().int().min(1).optional(),
  iterations: count,
  timeMs: count,
  /** Base URL of the embedded fixture server, whose counters the point resets and reads; absent for --url. */
  controlUrl: z.string().optional(),
  /** The protocol options every client gets (target/client-options.ts); absent: plaintext HTTP/1.1, identity. */
  ca: z.string().optional(),
  http2: z.literal(true).optional(),
  acceptEncoding: z.enum(['gzip', 'br']).optional(),
  /** What each URL's successful jobs must return (run/reference.ts); absent or empty: only values are checked. */
  pages: z.array(pageCheckSchema).optional(),
  /** The embedded server's process: its CPU is the target's, not other work on the machine (Linux). */
  serverPid: z.number().int().min(1).optional(),
});

export type PointPlanMessage = z.infer<typeof pointPlanMessageSchema>;

/** Parent → child, on Ctrl-C: abort in-flight jobs and answer with the interrupted point. */
export const ABORT_MESSAGE = { type: 'abort' } as const;

/**
 * What the point is doing, for the orchestrator's progress rule (deadline.ts): creating the strategy until the
 * first phase message, then its warm-up, its timed batches, and closing it.
 */
export const POINT_PHASES = ['warm-up', 'timed', 'closing'] as const;
export type PointPhase = (typeof POINT_PHASES)[number];

/**
 * Child → parent: the phase as it changes (with whether the strategy reports each finished job), how many jobs
 * finished since the last such message (at most one per PROGRESS_MESSAGE_MS, never one per job), progress after
 * each timed batch, then exactly one result.
 */
export const childMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('phase'), phase: z.enum(POINT_PHASES), reportsProgress: z.boolean() }),
  z.object({ type: z.literal('progress'), finished: count }),
  z.object({ type: z.literal('batch'), done: count, planned: count }),
  z.object({ type: z.literal('result'), run: runSchema }),
]);

/** The shortest gap between two progress messages of a point: a sign of life, not a tally. */
export const PROGRESS_MESSAGE_MS = 500;

export type ChildMessage = z.infer<typeof childMessageSchema>;

import { z } from 'zod';

/**
 * The JSON report, as a zod schema: the single source of truth for its shape.
 * Every report is validated against it before it is written, and `fanout
 * compare` / `fanout report` validate what they read.
 */
export const REPORT_SCHEMA_VERSION = 1;

const count = z.number().int().min(0);
const ms = z.number().min(0);

export const environmentSchema = z.object({
  node: z.string(),
  platform: z.string(),
  arch: z.string(),
  osRelease: z.string(),
  cpus: count,
  cpuModel: z.string(),
  totalMemoryBytes: count,
  hostname: z.string(),
  startedAt: z.iso.datetime(),
});

const runKey = {
  strategy: z.string(),
  concurrency: z.number().int().min(1),
  jobs: count,
};

export const completedRunSchema = z.object({
  ...runKey,
  /** From the batch with the most failures, so succeeded + failed = jobs. */
  succeeded: count,
  failed: count,
  bytes: count,
  /** Failures of that batch per error code; the counts add up to `failed`. */
  errors: z.record(z.string(), count),
  /** Mean batch time (tinybench). */
  wallMs: ms,
  minMs: ms,
  maxMs: ms,
  /** Relative margin of error of wallMs, percent (95% confidence). */
  rme: z.number().min(0),
  /** Timed batches. */
  samples: count,
  requestsPerSecond: z.number().min(0),
  /** Per-request latency over every timed batch. */
  latencyMs: z.object({ p50: ms, p90: ms, p99: ms, max: ms }),
  peakRssBytes: count,
  /** CPU time (user + system) of the whole process per batch, worker threads included. */
  cpuMsPerBatch: ms,
  /** Creating the strategy (pools, threads), outside the timed region. */
  startupMs: ms,
  startupRssBytes: z.number().int(),
  /** All timed batches together. */
  totals: z.object({
    batches: count,
    succeeded: count,
    failed: count,
    /** Requests made, retries included (= succeeded + failed without retries). */
    attempts: count,
    errors: z.record(z.string(), count),
  }),
  /** Lower bound for the batch (see report.md): max(ceil(jobs ÷ W) × latency, jobs ÷ capacity). */
  idealMs: ms.optional(),
  /** idealMs ÷ wallMs; 1 is at the bound, 0 when there is no bound. */
  efficiency: z.number().min(0).optional(),
  /** Batch time of the same strategy at W = 1 ÷ this batch time. */
  speedup: z.number().min(0).optional(),
  /** This strategy's knee: the smallest W within 10% of its best batch time. */
  knee: z.number().int().min(1).optional(),
  /** The fixture server's own view of the timed batches (embedded server only). */
  server: z.object({ requests: count, maxInFlight: count }).optional(),
});

export const skippedRunSchema = z.object({
  ...runKey,
  skipped: z.string().min(1),
});

export const runSchema = z.union([completedRunSchema, skippedRunSchema]);

export const reportSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  tool: z.literal('fanout'),
  environment: environmentSchema,
  settings: z.object({
    profile: z.string(),
    strategies: z.array(z.string()),
    concurrency: z.array(z.number().int().min(1)),
    jobs: count,
    /** Mean added latency per request over the pages (embedded server). */
    latencyMs: z.number().min(0),
    /** Mean body size over the pages (embedded server). */
    sizeBytes: count,
    /** Fewest timed batches a point gets. */
    iterations: count,
    pages: z.array(z.object({ path: z.string(), sizeBytes: count, latencyMs: count })),
    batches: z.object({ min: count, max: count, budgetMs: count }),
    timeMs: count,
    timeoutMs: count,
    maxBodyBytes: count,
    maxRedirects: count,
    retries: count,
    /** Fault mix of the embedded server, e.g. "hang:0.05,reset-mid-body:0.1". */
    faults: z.string().optional(),
    /** Package version of each strategy that ran, by strategy name (compare notes a change). */
    strategyVersions: z.record(z.string(), z.string()).optional(),
  }),
  target: z.string(),
  /** Requests per second the target served to a quick probe before the run (embedded server only). */
  capacityRps: z.number().min(0).optional(),
  interrupted: z.boolean(),
  finishedAt: z.iso.datetime(),
  runs: z.array(runSchema),
});

export type Report = z.infer<typeof reportSchema>;
export type RunRecord = z.infer<typeof runSchema>;
export type CompletedRun = z.infer<typeof completedRunSchema>;
export type SkippedRun = z.infer<typeof skippedRunSchema>;

export function isSkipped(run: RunRecord): run is SkippedRun {
  return 'skipped' in run;
}

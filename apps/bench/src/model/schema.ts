import type { LatencyPercentiles } from '@fanout/core';
import { z } from 'zod';
import { brokerSchema } from './broker.js';
import { measurementWarningSchema } from './measurement-schema.js';
import { batchTiming, count, derivedFigures, ms, timedBatchSchema } from './schema-parts.js';
import { serverCountersSchema } from './server-counters-schema.js';

export { measurementWarningSchema } from './measurement-schema.js';
export { POINT_PROTOCOLS, serverCountersSchema } from './server-counters-schema.js';

/**
 * The JSON report, as a zod schema: the single source of truth for its shape.
 * Every report is validated against it before it is written, and `fanout
 * compare` / `fanout report` validate what they read.
 */
export const REPORT_SCHEMA_VERSION = 3;

/** `{ p50, p90, p99, max }` in ms: core's LatencyPercentiles, declared once for every record that has them. */
export const latencyPercentilesSchema = z.object({ p50: ms, p90: ms, p99: ms, max: ms }) satisfies z.ZodType<
  LatencyPercentiles,
  unknown
>;

const kneeSchema = z.union([z.number().int().min(1), z.literal('none'), z.literal('unknown')]);
const spread = z.object({ median: z.number().min(0), min: z.number().min(0), max: z.number().min(0) });

/**
 * The target calibrated before any point (target/calibration.ts): a bare undici Pool over the run's own job URLs,
 * swept over requests in flight (HTTP/1.1: connections; h2: multiplexed as the points are), in its own process.
 * Never derived from the points it judges; its best rate is the capacity estimate (not a bound: model/figures.ts).
 */
export const calibrationSchema = z.object({
  /** Requests per second of the rounds at the best level; the capacity estimate is the best round (max). */
  capacityRps: spread,
  /** Connections per origin where the best round ran (over HTTP/1.1 one request each: the requests in flight). */
  connections: z.number().int().min(1),
  // h2calib's lines (issue 17): present only when the target spoke h2 and the calibration multiplexed.
  /** Streams allowed per connection at the best round (core's h2 layout: ⌈inFlight ÷ 100⌉ connections). */
  streams: z.number().int().min(1).optional(),
  /** Requests in flight at the best round, carried by `connections` × up to `streams`. */
  inFlight: z.number().int().min(1).optional(),
  rounds: count,
  /** Fastest 2xx answer per job URL, one at a time on an open, warmed connection: the latency floor's per-job latency. */
  minLatencyMs: z.record(z.string(), ms),
  durationMs: ms,
});

/**
 * What every successful job of one URL must have returned, as the harness found it before the points ran
 * (run/reference.ts, issue 17): the body size and, for the mixed workload, the hash chain. `unchecked` says why
 * something is not checked (a body that changed between two fetches, a URL the harness could not fetch).
 */
export const pageCheckSchema = z.object({
  url: z.string(),
  bytes: count.optional(),
  digest: z.string().optional(),
  unchecked: z.string().optional(),
});

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

// ── Isolation (issue 9): every point runs in its own child process. ──────────
/** Fields a measured point gains from running in a process of its own. */
const isolationFields = {
  /**
   * RSS of the point's idle child after loading the strategy module, before creating the strategy: the floor under
   * peakRssBytes that is Node and the module, not the strategy's work. Absent in reports from before isolation.
   */
  baselineRssBytes: count.optional(),
};

export const completedRunSchema = z.object({
  ...runKey,
  /**
   * The timed batch with the most failures (v1 kept these at the top level as succeeded/failed/bytes/errors), so
   * succeeded + failed = jobs; its failures per error code add up to `failed`. All batches together: `totals`.
   */
  worstBatch: z.object({ succeeded: count, failed: count, bytes: count, errors: z.record(z.string(), count) }),
  ...batchTiming,
  /** Per-request latency over every timed batch. */
  latencyMs: latencyPercentilesSchema,
  /** The point's process at its peak, plus the highest RSS of each process it started (Linux). */
  peakRssBytes: count,
  /** CPU time (user + system) per batch: the point's process with its worker threads, and the processes it started. */
  cpuMsPerBatch: ms,
  /**
   * CPU per batch the rest of the machine spent during the timed batches (every processor's busy time, hypervisor
   * steal included, less the point's, the target server's and the orchestrator's; run/machine-cpu.ts). Other
   * people's work on the cores the point needed. Absent without /proc and in reports from before issue 17.
   */
  otherCpuMsPerBatch: ms.optional(),
  /**
   * Why this point's batch time may not be what the strategy alone costs (model/measurement.ts): the machine was
   * shared during its timed batches, or its CPU per job was well above the sequential baseline's on the cpu
   * workload (slower code). Every renderer lists them with the figure's ⚠. Absent when there is nothing to say.
   */
  measurementWarnings: z.array(measurementWarningSchema).optional(),
  /** Each timed batch in run order, to tell a slow one apart (run/batch-recorder.ts). Absent in older reports. */
  timedBatches: z.array(timedBatchSchema).optional(),
  /** Creating the strategy (pools, threads), outside the timed region. */
  startupMs: ms,
  /** What creating the strategy added to the point's RSS, plus the RSS of the processes it started. */
  startupRssBytes: z.number().int(),
  /** How many processes the strategy started that the figures above include (a process pool's children). */
  childProcesses: count.optional(),
  /** All timed batches together. */
  totals: z.object({
    batches: count,
    succeeded: count,
    failed: count,
    /** Requests made, retries included (= succeeded + failed without retries). */
    attempts: count,
    errors: z.record(z.string(), count),
    // Issue 19 (proto-bench's lines): absent in older reports.
    /** Decoded body bytes of every success (what the pages are). */
    bytes: count.optional(),
    /** Bytes the wire carried for those bodies: less than `bytes` when compressed. */
    wireBytes: count.optional(),
    /** Successes by the HTTP version that carried them ("h2", "http/1.1"), where the strategy said (h2 offered). */
    protocols: z.record(z.string(), count).optional(),
  }),
  ...derivedFigures,
  /** Batch time of the same strategy at W = 1 ÷ this batch time. */
  speedup: z.number().min(0).optional(),
  /** The baseline's batch time (sequential, at its W = 1) ÷ this batch time: how much faster than one job at a time. */
  overBaseline: z.number().min(0).optional(),
  /** This strategy's knee (model/knee.ts): a W, "none" within the grid, or "unknown" (noise not known). */
  knee: kneeSchema.optional(),
  /** What exactly ran, as the strategy names it (e.g. "2 threads × 25 in flight, chunks of 100 jobs"). */
  configuration: z.string().optional(),
  /** The fixture server's own view of the timed batches (embedded server only). */
  server: serverCountersSchema.optional(),
  /** A point on a broker (the queue): its workers, the broker's cost per job, its overhead over async (broker.ts). */
  broker: brokerSchema.optional(),
  ...isolationFields,
});

export const skippedRunSchema = z.object({
  ...runKey,
  skipped: z.string().min(1),
});

/**
 * The point that was running at Ctrl-C: kept with what it completed. A skipped run to every reader that only knows
 * `skipped` (it has no batch time: its last batch was cut short, so it is not a measurement).
 */
export const interruptedRunSchema = skippedRunSchema.extend({
  interrupted: z.literal(true),
  /** Jobs that finished (successes and failures) in the timed batches, the one cut short included; aborted ones not. */
  completedJobs: count,
  /** Timed batches that finished before the interruption. */
  completedBatches: count,
  /** Over the completed jobs, so succeeded + failed = completedJobs. */
  succeeded: count,
  failed: count,
  /** Failures among the completed jobs per error code. */
  errors: z.record(z.string(), count),
  /** Per-request latency of the completed jobs. */
  latencyMs: latencyPercentilesSchema,
  ...isolationFields,
});

// Interrupted before skipped: a union takes the first schema that fits, and skipped would drop the extra fields.
export const runSchema = z.union([completedRunSchema, interruptedRunSchema, skippedRunSchema]);

/** A trusted peer (bare undici, autocannon, wrk, the Python programs) measured on the same target in the same run. */
const peerKey = { ...runKey, peer: z.literal(true) };

export const peerRunSchema = z.object({
  ...peerKey,
  /** Exactly what ran: tool, flags, and how the batch time was obtained. */
  measures: z.string(),
  // meanBatchMs: for duration-based tools (wrk), jobs ÷ their rate.
  ...batchTiming,
  /**
   * CPU time (user + system) per timed batch of the peer's client process and its threads (wrk: its process's times,
   * scaled from its run to `jobs` requests); absent in older reports and where it could not be read.
   */
  cpuMsPerBatch: ms.optional(),
  ...derivedFigures,
  /** Of the last timed batch (of the last run, for duration-based tools), where the peer counts them. */
  succeeded: count.optional(),
  failed: count.optional(),
  latencyMs: latencyPercentilesSchema.optional(),
});

export const skippedPeerSchema = z.object({ ...peerKey, skipped: z.string().min(1) });

export const peerRecordSchema = z.union([peerRunSchema, skippedPeerSchema]);

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
    pages: z.array(z.object({ path: z.string(), sizeBytes: count, latencyMs: count })),
    batches: z.object({ min: count, max: count, budgetMs: count }),
    timeMs: count,
    timeoutMs: count,
    maxBodyBytes: count,
    maxRedirects: count,
    retries: count,
    /** Fault mix of the embedded server, e.g. "hang:0.05,reset-mid-body:0.1". */
    faults: z.string().optional(),
    /** What one job did (absent in older reports: download), with the cpu and mixed settings. */
    workload: z.enum(['download', 'cpu', 'mixed']).optional(),
    cpuBase: count.optional(),
    hashRounds: count.optional(),
    /** Rounds of the whole run, interleaved (--repeat); absent: 1. */
    repeat: count.optional(),
    /** --calibration off: the target was not calibrated on purpose (no capacity estimate); absent: calibrated. */
    calibration: z.literal('off').optional(),
    /** Peers asked for with --peers (or the profile), in report order. */
    peers: z.array(z.string()).optional(),
    // Protocols and network (issue 19, proto-bench's lines); absent: plaintext HTTP/1.1 on loopback as it is.
    /** The embedded server served HTTPS (--tls), or every --url was https. */
    tls: z.boolean().optional(),
    /** Clients offered HTTP/2 by ALPN (--http2); which protocol each point used is in its `server` counters. */
    http2: z.boolean().optional(),
    /** Bodies asked for compressed and decoded (--compress). */
    compress: z.enum(['gzip', 'br']).optional(),
    /** --ca: the file of extra trusted CAs, as given. */
    caFile: z.string().optional(),
    /** Round trip the relay added between every client and the target, ms (--rtt). */
    rttMs: z.number().min(0).optional(),
    /** Each connection paced to this rate by the relay, Mbit/s (--bandwidth). */
    bandwidthMbit: z.number().min(0).optional(),
    /** Package version of each strategy that ran, by strategy name (compare notes a change). */
    strategyVersions: z.record(z.string(), z.string()).optional(),
    /** Node flags every point process started with (hotpath3, issue 21: run/point-flags.ts); absent: none (older reports). */
    pointNodeFlags: z.array(z.string()).optional(),
    /**
     * Per distinct URL, what each successful job was checked against (run/reference.ts); absent for the cpu
     * workload (checked against the closed form) and in reports from before issue 17 (only digest shapes checked).
     */
    pageChecks: z.array(pageCheckSchema).optional(),
  }),
  target: z.string(),
  /** Absent when the target could not be calibrated (there is no capacity estimate then). */
  calibration: calibrationSchema.optional(),
  interrupted: z.boolean(),
  finishedAt: z.iso.datetime(),
  runs: z.array(runSchema),
  /** Peers run with `--peers`, against the same target; absent when none were asked for. */
  peers: z.array(peerRecordSchema).optional(),
});

export type Knee = z.infer<typeof kneeSchema>;
export type ServerCounters = z.infer<typeof serverCountersSchema>;
export type Calibration = z.infer<typeof calibrationSchema>;
export type PageCheck = z.infer<typeof pageCheckSchema>;
export type MeasurementWarning = z.infer<typeof measurementWarningSchema>;
export type Report = z.infer<typeof reportSchema>;
export type RunRecord = z.infer<typeof runSchema>;
export type CompletedRun = z.infer<typeof completedRunSchema>;
export type PeerRecord = z.infer<typeof peerRecordSchema>;
export type PeerRun = z.infer<typeof peerRunSchema>;
/** A point or a peer with a batch time: what the figures, the rounds and the paired ratios are taken from. */
export type MeasuredRecord = CompletedRun | PeerRun;
export type SkippedRun = z.infer<typeof skippedRunSchema>;
export type InterruptedRun = z.infer<typeof interruptedRunSchema>;

export function isSkipped(run: RunRecord): run is SkippedRun {
  return 'skipped' in run;
}

export function isMeasuredPeer(peer: PeerRecord): peer is PeerRun {
  return !('skipped' in peer);
}

/** The point that was running at Ctrl-C (also a skipped run: it has no batch time). */
export function isInterrupted(run: RunRecord): run is InterruptedRun {
  return 'interrupted' in run && run.interrupted === true;
}

import type { ErrorCode } from './error-codes.js';

/**
 * Version of the strategy contract. A strategy module declares the version it
 * implements; the harness refuses a module built against another one.
 */
export const CONTRACT_VERSION = 1;

/** One unit of work; `id` is unique within a batch. What it does is its workload (see workloads/). */
export type Job = DownloadJob | CpuJob | MixedJob;

/** Download `url` once and count its body (the default workload). */
export interface DownloadJob {
  readonly id: number;
  readonly kind?: 'download';
  readonly url: string;
}

/** Pure computation, no I/O: the sum of squares of 0 … n−1 (mod 2^32), as in the post that times a CPU job. */
export interface CpuJob {
  readonly id: number;
  readonly kind: 'cpu';
  readonly n: number;
}

/** Download `url`, then hash the body (sha256) `hashRounds` times: network and CPU both matter. */
export interface MixedJob {
  readonly id: number;
  readonly kind: 'mixed';
  readonly url: string;
  readonly hashRounds: number;
}

interface JobTiming {
  readonly id: number;
  /** Wall-clock time (epoch ms, sub-ms precision) when the job started; comparable across worker threads. */
  readonly startMs: number;
  readonly endMs: number;
  /** Requests made for this job (more than 1 only when retries are enabled). */
  readonly attempts: number;
}

export interface JobSuccess extends JobTiming {
  readonly ok: true;
  /** HTTP status of the final answer; 0 for a job without HTTP (cpu). */
  readonly status: number;
  /** Body bytes actually received and counted, not the Content-Length header. */
  readonly bytes: number;
  /** The job's checkable result where its workload has one (cpu: the sum as a decimal; mixed: the sha256 hex). */
  readonly value?: string;
  /**
   * Body bytes as they came over the wire, set only when the body was encoded (Content-Encoding gzip, br…):
   * `bytes` then counts the decoded body, what the page is. Absent: the wire carried `bytes` as they are.
   */
  readonly wireBytes?: number;
  /**
   * The HTTP version that carried the answer, set only when the strategy offered HTTP/2 (`http2: true`), where
   * the server's ALPN choice decides it. Absent: HTTP/1.1, the only version offered.
   */
  readonly protocol?: HttpProtocol;
}

/** ALPN's names for the HTTP versions fanout speaks. */
export type HttpProtocol = 'http/1.1' | 'h2';

/** What a strategy asks the server to compress bodies with (it decodes them); `identity` asks for none. */
export type AcceptEncoding = 'identity' | 'gzip' | 'br';

export interface JobError {
  readonly code: ErrorCode;
  readonly message: string;
  /** HTTP status when one was received (always set for HTTP_STATUS). */
  readonly status?: number;
}

export interface JobFailure extends JobTiming {
  readonly ok: false;
  readonly error: JobError;
  /** Body bytes received before the failure. */
  readonly bytes: number;
}

/** Exactly one per job: a success or a typed failure. Never thrown, never dropped. */
export type JobResult = JobSuccess | JobFailure;

/** Validated options every strategy receives (see `strategyOptionsSchema`). */
export interface StrategyOptions {
  /** Maximum number of jobs in flight at any moment. */
  readonly concurrency: number;
  /** Deadline per request: connect, headers and the whole body. */
  readonly timeoutMs: number;
  /** A body larger than this fails with BODY_TOO_LARGE. */
  readonly maxBodyBytes: number;
  /** Redirects followed per job; 0 makes a 3xx an HTTP_STATUS failure. */
  readonly maxRedirects: number;
  /** Extra attempts after a transport error (reset, refused, truncated, timeout, DNS), with backoff. */
  readonly retries: number;
  /**
   * Connect to hosts that are not loopback, on the first URL or any redirect hop (default false: a job whose hop
   * leaves this machine fails as REMOTE_REFUSED before it connects). Pass it on to the job runner's limits.
   */
  readonly allowRemote: boolean;
  /**
   * Most requests in flight to any one origin (scheme, host and port), redirect targets included, across the whole
   * strategy (default: no cap beyond `concurrency`). A strategy that cannot keep to it must refuse in `create`
   * (UNSUPPORTED); see `perOriginShares`.
   */
  readonly maxPerOrigin: number;
  /**
   * PEM text of one or more CA certificates trusted for HTTPS in addition to Node's default roots (never instead of
   * them, and never without verification). Undefined: the default roots alone. A string, so it crosses into
   * worker threads, child processes and queue workers as it is.
   */
  readonly ca?: string | undefined;
  /**
   * Offer HTTP/2 through ALPN (HTTP/1.1 still offered; the server chooses) on HTTPS origins. Default false: HTTP/1.1
   * only. Over h2 a session's requests share few connections (up to 100 streams each); see docs/performance.md.
   */
  readonly http2: boolean;
  /**
   * The content coding asked for in Accept-Encoding (default 'identity': none asked). Whatever the server encodes
   * is decoded; `bytes` counts the decoded body and `wireBytes` what came over the wire.
   */
  readonly acceptEncoding: AcceptEncoding;
}

/**
 * Longest a strategy that sets `reportsProgress` may take to report a finished job (a pool batches its workers'
 * reports; a loop reports each job at once).
 */
export const PROGRESS_REPORT_MS = 1000;

/** What the harness may pass to `run` beside the jobs and the signal. Every field is optional to honour. */
export interface RunOptions {
  /**
   * Called as jobs finish, with how many more have their final result since the last call (≥ 1). A sign of life
   * for the harness, which judges a point hung when no job finishes for too long; cheap by design: a loop calls it
   * once per job, a pool once per batch of its workers' reports. Must not throw.
   */
  readonly onProgress?: (finished: number) => void;
}

/**
 * A ready-to-run strategy instance. Long-lived resources (connection pools,
 * worker threads) are created by the factory, outside the timed region, and
 * released by `close()`.
 */
export interface Strategy {
  /**
   * What exactly runs at these options, when a strategy has a shape worth
   * naming in the report (e.g. "2 threads × 25 in flight, chunks of 100 jobs").
   */
  readonly configuration?: string;
  /**
   * True when `run` calls `options.onProgress` for every job, at most PROGRESS_REPORT_MS after it finished. The
   * harness then judges the point hung after one job's worst case without progress; without it, after a whole
   * batch's (a strategy from before this field, or one that cannot tell).
   */
  readonly reportsProgress?: boolean;
  /**
   * Runs every job and resolves with exactly one result per job, in job order.
   * Job failures are results, not rejections. When `signal` aborts, jobs not
   * yet finished end as ABORTED results. `options` is optional to pass and to honour (see RunOptions).
   * The array is the caller's once resolved: the harness empties it after reading it (so return a fresh one per
   * run, not one the strategy keeps).
   */
  run(jobs: readonly Job[], signal?: AbortSignal, options?: RunOptions): Promise<readonly JobResult[]>;
  /** Releases every socket, timer and thread. Idempotent. */
  close(): Promise<void>;
}

export type CreateStrategy = (options: StrategyOptions) => Promise<Strategy>;

/** What a strategy package's entry module exports as `strategy`. */
export interface StrategyDefinition {
  readonly contractVersion: number;
  readonly name: string;
  /**
   * Largest concurrency the strategy accepts (sequential: 1); absent means no
   * limit. The one place this fact lives: create() refuses more, the harness
   * skips larger points and the conformance suite checks the refusal.
   */
  readonly maxConcurrency?: number;
  /** Validates raw options (throws FanoutError INVALID_OPTIONS naming the value) and creates the strategy. */
  readonly create: (options: unknown) => Promise<Strategy>;
}

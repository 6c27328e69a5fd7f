import { systemClock } from '../clock.js';
import type { DownloadJob, Job, JobResult, JobSuccess, MixedJob } from '../contract.js';
import { ABORTED_BEFORE_START, failedJob } from '../results.js';
import { runCpuJob } from '../workloads/cpu.js';
import { hashRounds } from '../workloads/hash.js';
import { type AttemptOutcome, attempt, type DownloadLimits } from './attempt.js';
import { createInFlight } from './in-flight.js';
import { createResultTable, type ResultTable } from './result-table.js';
import { backoffMs, isRetryable, pause } from './retry.js';
import type { Transport } from './transport.js';

export interface JobLimits extends DownloadLimits {
  readonly retries: number;
}

/** Runs jobs of every workload; HTTP through one transport, owning its connections and its one deadline timer. */
export interface JobRunner {
  /**
   * Runs one job and always resolves with its result: bodies are read to the
   * end and counted (never kept), non-2xx is HTTP_STATUS, redirects are
   * followed up to `maxRedirects`, and transport errors are retried up to
   * `retries` times with backoff. `startMs`/`endMs` span every attempt.
   * A cpu job computes on the calling thread; a mixed job downloads, then
   * hashes the body. Every job kind gets the same accounting.
   */
  run(job: Job, signal?: AbortSignal): Promise<JobResult>;
  /**
   * Runs a batch, `lanes` jobs at a time, and resolves with one result per job in job order: what `run` gives each
   * job, but a plain success is kept as numbers until the batch ends (result-table.ts), so the batch's results are
   * not promoted by the collections that run while it does. `onProgress` hears of each job as it ends.
   */
  runBatch(
    jobs: readonly Job[],
    lanes: number,
    signal?: AbortSignal,
    onProgress?: (finished: number) => void,
  ): Promise<JobResult[]>;
  /** Cancels what is still in flight, stops the timer and closes the transport. Idempotent. */
  close(): Promise<void>;
}

/** A success with the wire bytes of an encoded body and the protocol that carried it, where the attempt has them. */
function withTransportFacts(result: JobSuccess, outcome: AttemptOutcome & { ok: true }): JobSuccess {
  const { wireBytes, protocol } = outcome;
  return {
    ...result,
    ...(wireBytes === undefined ? {} : { wireBytes }),
    ...(protocol === undefined ? {} : { protocol }),
  };
}

export function createJobRunner(transport: Transport, limits: JobLimits): JobRunner {
  const inFlight = createInFlight(limits.timeoutMs);
  let closed: Promise<void> | undefined;
  /** A download's result; with a table, a plain success is written to it at `index` and undefined returned. */
  const download = async (
    job: DownloadJob | MixedJob,
    signal?: AbortSignal,
    table?: ResultTable,
    index = 0,
  ): Promise<JobResult | undefined> => {
    const startMs = systemClock.now();
    if (signal?.aborted) return failedJob(job.id, ABORTED_BEFORE_START, startMs);
    const keepBody = job.kind === 'mixed';
    let outcome: AttemptOutcome;
    let chunks: Uint8Array[] | undefined;
    let attempts = 0;
    for (;;) {
      attempts += 1;
      // The first attempt's deadline counts from the job's start: one clock read less per job.
      const ticket = inFlight.open(signal, keepBody, attempts === 1 ? startMs : systemClock.now());
      outcome = await attempt(transport, job.url, limits, ticket);
      inFlight.close(ticket);
      chunks = ticket.chunks;
      if (outcome.ok || attempts > limits.retries || !isRetryable(outcome.error.code) || signal?.aborted) break;
      await pause(backoffMs(attempts), signal);
      if (signal?.aborted) break;
    }
    if (!outcome.ok) {
      const endMs = systemClock.now();
      return { ok: false, id: job.id, error: outcome.error, bytes: outcome.bytes, startMs, endMs, attempts };
    }
    if (job.kind === 'mixed') {
      const value = hashRounds(chunks ?? [], job.hashRounds);
      const endMs = systemClock.now();
      const { status, bytes } = outcome;
      return withTransportFacts({ ok: true, id: job.id, status, bytes, value, startMs, endMs, attempts }, outcome);
    }
    // One literal per shape (no spread of an optional field): the result is built in one allocation.
    const endMs = systemClock.now();
    if (outcome.wireBytes !== undefined || outcome.protocol !== undefined) {
      const { status, bytes } = outcome;
      return withTransportFacts({ ok: true, id: job.id, status, bytes, startMs, endMs, attempts }, outcome);
    }
    if (table === undefined) {
      return { ok: true, id: job.id, status: outcome.status, bytes: outcome.bytes, startMs, endMs, attempts };
    }
    table.plain(index, outcome.status, outcome.bytes, startMs, endMs, attempts);
    return undefined;
  };
  const run = (job: Job, signal?: AbortSignal): Promise<JobResult> => {
    // Not async: a download returns download()'s own promise rather than one that waits on it (two microtasks and
    // a promise less per job). Without a table, download() always returns a result.
    if (job.kind !== 'cpu') return download(job, signal) as Promise<JobResult>;
    if (signal?.aborted) return Promise.resolve(failedJob(job.id, ABORTED_BEFORE_START, systemClock.now()));
    return Promise.resolve(runCpuJob(job));
  };
  return {
    run,
    async runBatch(jobs, lanes, signal, onProgress) {
      const table = createResultTable(jobs.length);
      let next = 0;
      // mapBounded's lanes (bounded.ts), writing into the table instead of an array of results.
      const lane = async (): Promise<void> => {
        for (let index = next++; index < jobs.length; index = next++) {
          const job = jobs[index] as Job;
          const other = job.kind === 'cpu' ? await run(job, signal) : await download(job, signal, table, index);
          if (other !== undefined) table.keep(index, other);
          onProgress?.(1);
        }
      };
      await Promise.all(Array.from({ length: Math.min(lanes, jobs.length) }, lane));
      return table.results(jobs);
    },
    close() {
      closed ??= (async () => {
        inFlight.dispose();
        await transport.close();
      })();
      return closed;
    },
  };
}

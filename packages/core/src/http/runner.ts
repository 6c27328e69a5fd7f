import { systemClock } from '../clock.js';
import type { Job, JobResult } from '../contract.js';
import { ABORTED_BEFORE_START, failedJob } from '../results.js';
import { type AttemptOutcome, attempt, type DownloadLimits } from './attempt.js';
import { createInFlight } from './in-flight.js';
import { backoffMs, isRetryable, pause } from './retry.js';
import type { Transport } from './transport.js';

export interface JobLimits extends DownloadLimits {
  readonly retries: number;
}

/** Runs HTTP jobs through one transport; owns its connections and its one deadline timer. */
export interface HttpJobRunner {
  /**
   * Runs one job and always resolves with its result: bodies are read to the
   * end and counted (never kept), non-2xx is HTTP_STATUS, redirects are
   * followed up to `maxRedirects`, and transport errors are retried up to
   * `retries` times with backoff. `startMs`/`endMs` span every attempt.
   */
  run(job: Job, signal?: AbortSignal): Promise<JobResult>;
  /** Cancels what is still in flight, stops the timer and closes the transport. Idempotent. */
  close(): Promise<void>;
}

export function createHttpJobRunner(transport: Transport, limits: JobLimits): HttpJobRunner {
  const inFlight = createInFlight(limits.timeoutMs);
  let closed: Promise<void> | undefined;
  return {
    async run(job, signal) {
      const startMs = systemClock.now();
      if (signal?.aborted) return failedJob(job.id, ABORTED_BEFORE_START, startMs);
      let outcome: AttemptOutcome;
      let attempts = 0;
      for (;;) {
        attempts += 1;
        const ticket = inFlight.open(signal);
        outcome = await attempt(transport, job.url, limits, ticket);
        inFlight.close(ticket);
        if (outcome.ok || attempts > limits.retries || !isRetryable(outcome.error.code) || signal?.aborted) break;
        await pause(backoffMs(attempts), signal);
        if (signal?.aborted) break;
      }
      const endMs = systemClock.now();
      return outcome.ok
        ? { ok: true, id: job.id, status: outcome.status, bytes: outcome.bytes, startMs, endMs, attempts }
        : { ok: false, id: job.id, error: outcome.error, bytes: outcome.bytes, startMs, endMs, attempts };
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

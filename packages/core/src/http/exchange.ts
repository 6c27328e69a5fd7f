import { setMaxListeners } from 'node:events';
import { systemClock } from '../clock.js';
import type { Job, JobResult } from '../contract.js';
import { ABORTED_BEFORE_START, failedJob, failure, success } from '../results.js';
import { type AttemptOutcome, attempt, type DownloadLimits, type Exchange } from './attempt.js';
import { backoffMs, isRetryable, pause } from './retry.js';

export interface JobLimits extends DownloadLimits {
  readonly retries: number;
}

/**
 * Runs one job through any HTTP client and always resolves with its result:
 * bodies are read to the end and counted (never kept), non-2xx is HTTP_STATUS,
 * redirects are followed up to `maxRedirects`, and transport errors are
 * retried up to `retries` times with backoff. `startMs`/`endMs` span every
 * attempt; `attempts` says how many were made.
 */
export async function runHttpJob(
  exchange: Exchange,
  job: Job,
  limits: JobLimits,
  signal?: AbortSignal,
): Promise<JobResult> {
  const startMs = systemClock.now();
  if (signal?.aborted) return failedJob(job.id, ABORTED_BEFORE_START, startMs);
  // One listener per in-flight request is expected on a batch's signal, not a leak.
  if (signal) setMaxListeners(0, signal);
  let outcome: AttemptOutcome;
  let attempts = 0;
  for (;;) {
    attempts += 1;
    outcome = await attempt(exchange, job.url, limits, signal);
    if (outcome.ok || attempts > limits.retries || !isRetryable(outcome.error.code) || signal?.aborted) break;
    await pause(backoffMs(attempts), signal);
    if (signal?.aborted) break;
  }
  const common = { id: job.id, startMs, endMs: systemClock.now(), attempts, bytes: outcome.bytes };
  return outcome.ok ? success({ ...common, status: outcome.status }) : failure({ ...common, error: outcome.error });
}

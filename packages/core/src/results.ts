import type { JobError, JobFailure, JobResult } from './contract.js';
import { describeCause } from './errors.js';

export function failure(fields: Omit<JobFailure, 'ok'>): JobFailure {
  return { ok: false, ...fields };
}

/** For a job that could not even be attempted (aborted before start, crashed worker…). */
export function failedJob(id: number, error: JobError, atMs: number, attempts = 0): JobFailure {
  return failure({ id, error, startMs: atMs, endMs: atMs, attempts, bytes: 0 });
}

/** For jobs never started because the batch was aborted first. */
export const ABORTED_BEFORE_START: JobError = { code: 'ABORTED', message: 'aborted before start' };

export function unknownError(cause: unknown): JobError {
  return { code: 'UNKNOWN', message: describeCause(cause) };
}

/** Counts per error code; keys are only codes that occurred. */
export function countErrors(results: readonly JobResult[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) {
    if (!result.ok) counts[result.error.code] = (counts[result.error.code] ?? 0) + 1;
  }
  return counts;
}

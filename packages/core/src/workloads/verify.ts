import type { Job, JobResult } from '../contract.js';
import { expectedSumOfSquares } from './cpu.js';

/**
 * What a successful job of one URL must have returned, where the harness knows it: the page's size in bytes
 * and, for a mixed job, its hash chain (hex). Absent fields are not checked.
 */
export interface PageExpectation {
  readonly bytes?: number;
  readonly digest?: string;
}

/**
 * Why a successful result is wrong for its job, or undefined when it is right (or cannot be checked): a cpu sum must
 * equal the closed form; a download or mixed job must have counted the page's bytes and a mixed job must return a
 * sha256 hex, equal to the page's hash chain when `page` knows it. The message names the job, what was expected
 * and what came back.
 */
export function checkValue(job: Job, result: JobResult, page?: PageExpectation): string | undefined {
  if (!result.ok) return undefined;
  if (job.kind === 'cpu') {
    const expected = expectedSumOfSquares(job.n);
    return result.value === expected
      ? undefined
      : `job ${job.id}: sum of squares below ${job.n} is ${expected}, got ${String(result.value)}`;
  }
  if (page?.bytes !== undefined && result.bytes !== page.bytes) {
    return `job ${job.id} (${job.url}): counted ${result.bytes} body bytes, the page has ${page.bytes}`;
  }
  if (job.kind !== 'mixed') return undefined;
  if (!/^[0-9a-f]{64}$/.test(result.value ?? ''))
    return `job ${job.id}: no sha256 digest (got ${String(result.value)})`;
  if (page?.digest !== undefined && result.value !== page.digest) {
    return `job ${job.id} (${job.url}): ${job.hashRounds} chained sha256 rounds over the page give ${page.digest}, got ${String(result.value)}`;
  }
  return undefined;
}

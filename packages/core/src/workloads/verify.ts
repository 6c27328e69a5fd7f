import type { Job, JobResult } from '../contract.js';
import { expectedSumOfSquares } from './cpu.js';

/**
 * Why a successful result's value is wrong for its job, or undefined when it
 * is right: a cpu sum must equal the closed form; a mixed digest must be a
 * sha256 hex (its body is the server's, checked by byte count).
 */
export function checkValue(job: Job, result: JobResult): string | undefined {
  if (!result.ok) return undefined;
  if (job.kind === 'cpu') {
    const expected = expectedSumOfSquares(job.n);
    return result.value === expected
      ? undefined
      : `job ${job.id}: sum of squares below ${job.n} is ${expected}, got ${String(result.value)}`;
  }
  if (job.kind === 'mixed') {
    return /^[0-9a-f]{64}$/.test(result.value ?? '')
      ? undefined
      : `job ${job.id}: no sha256 digest (got ${String(result.value)})`;
  }
  return undefined;
}

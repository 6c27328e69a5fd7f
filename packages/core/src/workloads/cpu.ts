import { systemClock } from '../clock.js';
import type { CpuJob, JobResult } from '../contract.js';
import { unknownError } from '../results.js';

/**
 * The post's CPU job, `sum(i * i for i in range(n))`, in 32-bit integer
 * arithmetic: exact modulo 2^32 (so it can be checked against the closed
 * form), no allocation, and a result that is used, so the loop cannot be
 * optimised away.
 */
export function sumOfSquares(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`cpu job: n must be a whole number ≥ 0, got ${n}`);
  let sum = 0;
  for (let i = 0; i < n; i++) sum = (sum + Math.imul(i, i)) >>> 0;
  return sum;
}

/** What `sumOfSquares(n)` must return: (n − 1) · n · (2n − 1) ÷ 6, modulo 2^32. */
export function expectedSumOfSquares(n: number): string {
  const big = BigInt(n);
  return String((((big - 1n) * big * (2n * big - 1n)) / 6n) % 2n ** 32n);
}

/** Runs a cpu job on the calling thread; a throw becomes a typed failure, never a lost job. */
export function runCpuJob(job: CpuJob, compute: (n: number) => number = sumOfSquares): JobResult {
  const startMs = systemClock.now();
  try {
    const value = String(compute(job.n));
    return { ok: true, id: job.id, status: 0, bytes: 0, value, startMs, endMs: systemClock.now(), attempts: 1 };
  } catch (error) {
    return {
      ok: false,
      id: job.id,
      error: unknownError(error),
      bytes: 0,
      startMs,
      endMs: systemClock.now(),
      attempts: 1,
    };
  }
}

import { systemClock } from '../clock.js';
import type { CpuJob, JobResult } from '../contract.js';
import { unknownError } from '../results.js';

/** Iterations per call of the inner loop; see `sumOfSquares`. */
const BLOCK = 4096;

/** Σ i² for from ≤ i < to, modulo 2^32, from a local zero so V8 keeps it in a 32-bit register. */
function squaresBetween(from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum = (sum + Math.imul(i, i)) >>> 0;
  return sum;
}

/**
 * The post's CPU job, `sum(i * i for i in range(n))`, in 32-bit integer
 * arithmetic: exact modulo 2^32 (so it can be checked against the closed
 * form), no allocation, and a result that is used, so the loop cannot be
 * optimised away.
 *
 * The loop runs in blocks of 4096 through a small function. Written as one
 * long loop, the first calls in a fresh V8 (every worker thread and child
 * process) run on-stack-replaced code about 7.5× slower than the optimised
 * function (208 against 27 ms for n = 50,000,000 on Node 20), and on Node 22
 * and 24 every call stayed that slow. A thread that gets one job per batch
 * never left that code, so the pools measured V8's tier-up instead of
 * parallelism. A small function called thousands of times a job is optimised
 * during the first job on every Node version; see docs/performance.md.
 */
export function sumOfSquares(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`cpu job: n must be a whole number ≥ 0, got ${n}`);
  let sum = 0;
  for (let from = 0; from < n; from += BLOCK) sum = (sum + squaresBetween(from, Math.min(n, from + BLOCK))) >>> 0;
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

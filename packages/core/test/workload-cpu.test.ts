import { describe, expect, it } from 'vitest';
import { checkValue, expectedSumOfSquares, makeJobs, runCpuJob, sumOfSquares } from '../src/index.js';

describe('the cpu workload: sum of squares of 0 … n−1, modulo 2^32', () => {
  it('matches the closed form for every n in a range and at the edges', () => {
    for (let n = 0; n <= 3000; n++) expect(String(sumOfSquares(n)), `n = ${n}`).toBe(expectedSumOfSquares(n));
    for (const n of [65_536, 65_537, 1_000_003, 5_000_000])
      expect(String(sumOfSquares(n))).toBe(expectedSumOfSquares(n));
  });

  it("agrees with Python for the post's first job: sum(i * i for i in range(5_000_000)) % 2**32", () => {
    // 41666654166667500000 % 4294967296, computed exactly.
    expect(expectedSumOfSquares(5_000_000)).toBe(String(41_666_654_166_667_500_000n % 4_294_967_296n));
  });

  it('turns a computation that throws into a typed failure, not a lost job', () => {
    const result = runCpuJob({ id: 7, kind: 'cpu', n: 10 }, () => {
      throw new RangeError('out of luck');
    });
    expect(result).toMatchObject({
      ok: false,
      id: 7,
      error: { code: 'UNKNOWN', message: expect.stringContaining('out of luck') },
    });
  });

  it('makes jobs n = base + index and verifies their values', () => {
    const jobs = makeJobs({ workload: 'cpu', cpuBase: 100, hashRounds: 1 }, [], 3);
    expect(jobs).toEqual([
      { id: 0, kind: 'cpu', n: 100 },
      { id: 1, kind: 'cpu', n: 101 },
      { id: 2, kind: 'cpu', n: 102 },
    ]);
    const [job] = jobs;
    if (!job) throw new Error('no job');
    expect(checkValue(job, runCpuJob({ id: 0, kind: 'cpu', n: 100 }))).toBeUndefined();
    const wrong = { ok: true as const, id: 0, status: 0, bytes: 0, value: '1', startMs: 0, endMs: 0, attempts: 1 };
    expect(checkValue(job, wrong)).toMatch(/job 0: sum of squares below 100 is 328350, got 1/);
  });
});

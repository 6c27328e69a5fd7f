import type { JobResult } from '@fanout/core';
import { expect, it } from 'vitest';
import type { SuiteContext } from './context.js';
import { jobsFor, withServer, withStrategy } from './fixture.js';

const SIZES = [0, 1, 17, 1024, 65_535, 65_536, 65_537, 300_000];

function expectOnePerJob(results: readonly JobResult[], count: number): void {
  expect(results).toHaveLength(count);
  expect(results.map((result) => result.id)).toEqual(Array.from({ length: count }, (_, id) => id));
}

export function accountingChecks({ definition, concurrency }: SuiteContext): void {
  it('returns exactly one result per job, in job order, each id once', async () => {
    await withServer(async (server) => {
      const jobs = jobsFor(
        server,
        Array.from({ length: 57 }, () => ({})),
      );
      const results = await withStrategy(definition, { concurrency }, (strategy) => strategy.run(jobs));
      expectOnePerJob(results, jobs.length);
      expect(results.every((result) => result.ok && result.status === 200)).toBe(true);
      expect(server.stats().requests).toBe(jobs.length);
    });
  });

  it('counts every body byte exactly, from empty to multi-chunk bodies', async () => {
    await withServer(async (server) => {
      const queries = Array.from({ length: 3 * SIZES.length }, (_, index) => ({
        size: SIZES[index % SIZES.length] ?? 0,
      }));
      const results = await withStrategy(definition, { concurrency }, (strategy) =>
        strategy.run(jobsFor(server, queries)),
      );
      expectOnePerJob(results, queries.length);
      expect(results.map((result) => result.bytes)).toEqual(queries.map((query) => query.size));
    });
  });

  it('times each job: end after start, inside the batch', async () => {
    await withServer(async (server) => {
      const jobs = jobsFor(
        server,
        Array.from({ length: 12 }, () => ({ latency: 20 })),
      );
      const before = performance.timeOrigin + performance.now();
      const results = await withStrategy(definition, { concurrency }, (strategy) => strategy.run(jobs));
      const after = performance.timeOrigin + performance.now();
      for (const result of results) {
        expect(result.startMs).toBeGreaterThanOrEqual(before - 1);
        expect(result.endMs).toBeLessThanOrEqual(after + 1);
        // The server holds each response 20 ms; allow timer granularity.
        expect(result.endMs - result.startMs).toBeGreaterThanOrEqual(18);
        expect(result.attempts).toBe(1);
      }
    });
  });

  it('runs an empty batch and several batches on one instance', async () => {
    await withServer(async (server) => {
      await withStrategy(definition, { concurrency }, async (strategy) => {
        expect(await strategy.run([])).toEqual([]);
        for (let round = 0; round < 3; round++) {
          const results = await strategy.run(
            jobsFor(
              server,
              Array.from({ length: 9 }, () => ({ size: 100 })),
            ),
          );
          expectOnePerJob(results, 9);
          expect(results.filter((result) => result.ok)).toHaveLength(9);
        }
      });
      expect(server.stats().requests).toBe(27);
    });
  });
}

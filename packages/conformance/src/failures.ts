import type { JobFailure, JobResult } from '@fanout/core';
import { startFixtureServer } from '@fanout/fixture-server';
import { expect, it, vi } from 'vitest';
import type { SuiteContext } from './context.js';
import { jobsFor, withServer, withStrategy } from './fixture.js';

function failuresOf(results: readonly JobResult[]): JobFailure[] {
  return results.filter((result): result is JobFailure => !result.ok);
}

export function failureChecks({ definition, concurrency }: SuiteContext): void {
  it('reports non-2xx answers as HTTP_STATUS with the status, and keeps the rest', async () => {
    await withServer(async (server) => {
      const statuses = [200, 404, 200, 500, 503, 204, 301];
      const results = await withStrategy(definition, { concurrency }, (strategy) =>
        strategy.run(
          jobsFor(
            server,
            statuses.map((status) => ({ status, size: status === 204 ? 0 : 10 })),
          ),
        ),
      );
      expect(results.map((result) => (result.ok ? result.status : result.error.status))).toEqual(statuses);
      expect(failuresOf(results).map((result) => result.error.code)).toEqual([
        'HTTP_STATUS',
        'HTTP_STATUS',
        'HTTP_STATUS',
        'HTTP_STATUS',
      ]);
    });
  });

  it('reports a refused connection as CONNECTION_REFUSED for every job', async () => {
    const server = await startFixtureServer();
    const jobs = jobsFor(server, [{}, {}, {}]);
    await server.close();
    const results = await withStrategy(definition, { concurrency }, (strategy) => strategy.run(jobs));
    expect(results.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual([
      'CONNECTION_REFUSED',
      'CONNECTION_REFUSED',
      'CONNECTION_REFUSED',
    ]);
  });

  it('ends a request that outlives timeoutMs as TIMEOUT, bounded by the deadline', async () => {
    await withServer(async (server) => {
      const jobs = jobsFor(server, [{ latency: 10_000 }, {}, { latency: 10_000 }]);
      const started = Date.now();
      const results = await withStrategy(definition, { concurrency, timeoutMs: 300 }, (strategy) => strategy.run(jobs));
      expect(results.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual(['TIMEOUT', 'ok', 'TIMEOUT']);
      expect(Date.now() - started).toBeLessThan(5000);
    });
  });

  it('stops a body larger than maxBodyBytes as BODY_TOO_LARGE', async () => {
    await withServer(async (server) => {
      const jobs = jobsFor(server, [{ size: 1000 }, { size: 1001 }, { size: 5_000_000 }]);
      const results = await withStrategy(definition, { concurrency, maxBodyBytes: 1000 }, (strategy) =>
        strategy.run(jobs),
      );
      expect(results.map((result) => (result.ok ? result.bytes : result.error.code))).toEqual([
        1000,
        'BODY_TOO_LARGE',
        'BODY_TOO_LARGE',
      ]);
    });
  });

  it('on abort, ends unfinished jobs as ABORTED promptly and keeps finished ones', async () => {
    await withServer(async (server) => {
      const jobs = jobsFor(server, [{}, ...Array.from({ length: concurrency * 3 }, () => ({ latency: 20_000 }))]);
      await withStrategy(definition, { concurrency }, async (strategy) => {
        const controller = new AbortController();
        const running = strategy.run(jobs, controller.signal);
        // Abort once the first job is done and the slow ones are in flight, as the server sees it.
        await vi.waitFor(
          () => expect(server.stats()).toMatchObject({ requests: 1 + concurrency, inFlight: concurrency }),
          {
            timeout: 10_000,
          },
        );
        const abortedAt = Date.now();
        controller.abort();
        const results = await running;
        expect(Date.now() - abortedAt).toBeLessThan(5000);
        expect(results).toHaveLength(jobs.length);
        expect(results[0]?.ok).toBe(true);
        expect(results.slice(1).map((result) => (result.ok ? 'ok' : result.error.code))).toEqual(
          jobs.slice(1).map(() => 'ABORTED'),
        );
        // A signal that is already aborted starts nothing.
        const before = server.stats().requests;
        const again = await strategy.run(jobsFor(server, [{}, {}]), controller.signal);
        expect(again.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual(['ABORTED', 'ABORTED']);
        expect(server.stats().requests).toBe(before);
      });
    });
  });
}

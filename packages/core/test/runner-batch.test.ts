import { type FixtureServer, startFixtureServer } from '@fanout/fixture-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Job, JobResult } from '../src/contract.js';
import { createJobRunner, poolTransport } from '../src/http/index.js';
import { createResultTable } from '../src/http/result-table.js';
import { checkValue, makeJobs } from '../src/index.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer({ port: 0, sizeBytes: 700, latencyMs: 0 });
});
afterAll(() => server.close());

const limits = { timeoutMs: 5000, maxBodyBytes: 1 << 20, maxRedirects: 5, retries: 0 };

/** A result without its times, which differ run to run. */
const shape = (result: JobResult) => {
  const { startMs: _start, endMs: _end, ...rest } = result;
  return rest;
};

describe('runBatch: a batch of jobs, plain successes kept as numbers until it ends', () => {
  it('returns one result per job in job order, the same results run() gives each job', async () => {
    const urls = [
      `${server.url}/a?size=100`,
      `${server.url}/missing?status=404`,
      `${server.url}/r?fault=redirect&hops=2&size=300`,
      `${server.url}/b?size=0`,
    ];
    const downloads = makeJobs({ workload: 'download', cpuBase: 0, hashRounds: 0 }, urls, 12);
    const jobs: Job[] = [
      ...downloads,
      { id: 100, kind: 'cpu', n: 1000 },
      { id: 101, kind: 'mixed', url: urls[0] as string, hashRounds: 2 },
    ];
    const runner = createJobRunner(poolTransport({ ...limits, connections: 3 }), limits);
    try {
      let progress = 0;
      const before = performance.timeOrigin + performance.now();
      const batch = await runner.runBatch(jobs, 3, undefined, (finished) => {
        progress += finished;
      });
      const after = performance.timeOrigin + performance.now();
      const one = await Promise.all(jobs.map((job) => runner.run(job)));
      expect(progress).toBe(jobs.length);
      expect(batch.map((result) => result.id)).toEqual(jobs.map((job) => job.id));
      expect(batch.map(shape)).toEqual(one.map(shape));
      expect(batch.slice(0, 4).map((result) => (result.ok ? result.bytes : result.error.code))).toEqual([
        100,
        'HTTP_STATUS',
        300,
        0,
      ]);
      for (const [index, result] of batch.entries()) {
        expect(checkValue(jobs[index] as Job, result)).toBeUndefined();
        // Each job's own times, inside the batch's, as run() gives them.
        expect(result.startMs).toBeGreaterThanOrEqual(before);
        expect(result.endMs).toBeGreaterThanOrEqual(result.startMs);
        expect(result.endMs).toBeLessThanOrEqual(after);
      }
    } finally {
      await runner.close();
    }
  });

  it('ends every job of an aborted batch as a result, none lost', async () => {
    const runner = createJobRunner(poolTransport({ ...limits, connections: 2 }), limits);
    try {
      const jobs = makeJobs(
        { workload: 'download', cpuBase: 0, hashRounds: 0 },
        [`${server.url}/slow?latency=2000`],
        6,
      );
      const controller = new AbortController();
      const batch = runner.runBatch(jobs, 2, controller.signal);
      await vi.waitFor(() => expect(server.stats().requests).toBeGreaterThanOrEqual(2));
      controller.abort();
      const results = await batch;
      expect(results.map((result) => result.id)).toEqual(jobs.map((job) => job.id));
      expect(results.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual(Array(6).fill('ABORTED'));
    } finally {
      await runner.close();
    }
  });

  it('an empty batch is an empty array', async () => {
    const runner = createJobRunner(poolTransport({ ...limits, connections: 1 }), limits);
    try {
      expect(await runner.runBatch([], 4)).toEqual([]);
    } finally {
      await runner.close();
    }
  });
});

describe('the result table', () => {
  it('names a job whose row was never written rather than inventing a success', () => {
    const table = createResultTable(2);
    table.plain(0, 200, 10, 1, 2, 1);
    expect(() =>
      table.results([
        { id: 7, url: 'http://127.0.0.1/' },
        { id: 8, url: 'http://127.0.0.1/' },
      ]),
    ).toThrow('job 8 ended without a result');
  });

  it('refuses to be read for a batch of another size', () => {
    expect(() => createResultTable(1).results([])).toThrow(RangeError);
  });
});

import { checkValue, type Job, makeJobs } from '@fanout/core';
import { expect, it } from 'vitest';
import type { SuiteContext } from './context.js';
import { jobsFor, withServer, withStrategy } from './fixture.js';

/** Every strategy runs every workload (core's job runner), with the same accounting and checked values. */
export function workloadChecks({ definition, concurrency }: SuiteContext): void {
  it('runs cpu jobs: one result per job, in order, every sum right; a job that throws is a typed failure', async () => {
    const jobs: Job[] = [
      ...makeJobs({ workload: 'cpu', cpuBase: 10_000, hashRounds: 1 }, [], 12),
      { id: 12, kind: 'cpu', n: -1 },
    ];
    const results = await withStrategy(definition, { concurrency }, (strategy) => strategy.run(jobs));
    expect(results.map((result) => result.id)).toEqual(jobs.map((job) => job.id));
    for (const [index, result] of results.slice(0, 12).entries()) {
      expect(result.ok, `job ${index}`).toBe(true);
      expect(checkValue(jobs[index] as Job, result)).toBeUndefined();
    }
    expect(results[12]).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN', message: expect.stringContaining('-1') },
    });
  });

  it('runs mixed jobs: the body downloaded, counted and hashed, the digest the same for the same page', async () => {
    await withServer(async (server) => {
      const urls = jobsFor(server, [{ size: 3000 }, { size: 70_000 }]).map((job) => job.url);
      const jobs = makeJobs({ workload: 'mixed', cpuBase: 0, hashRounds: 3 }, urls, 10);
      const results = await withStrategy(definition, { concurrency }, (strategy) => strategy.run(jobs));
      expect(results.map((result) => result.id)).toEqual(jobs.map((job) => job.id));
      expect(results.map((result) => result.bytes)).toEqual(jobs.map((_, id) => (id % 2 === 0 ? 3000 : 70_000)));
      for (const [index, result] of results.entries()) expect(checkValue(jobs[index] as Job, result)).toBeUndefined();
      const digests = results.map((result) => (result.ok ? result.value : undefined));
      expect(new Set(digests.filter((_, id) => id % 2 === 0)).size).toBe(1);
      expect(new Set(digests.filter((_, id) => id % 2 === 1)).size).toBe(1);
      expect(digests[0]).not.toBe(digests[1]);
    });
  });
}

import { createHash } from 'node:crypto';
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

  it('runs mixed jobs: the body downloaded, counted and hashed in a chain, each digest the chain over the page', async () => {
    await withServer(async (server) => {
      const urls = jobsFor(server, [{ size: 3000 }, { size: 70_000 }]).map((job) => job.url);
      // The suite's own copy of each page, through WHATWG fetch, not the strategies' job runner.
      const pages = await Promise.all(urls.map(async (url) => Buffer.from(await (await fetch(url)).arrayBuffer())));
      const jobs = makeJobs({ workload: 'mixed', cpuBase: 0, hashRounds: 3 }, urls, 10);
      const results = await withStrategy(definition, { concurrency }, (strategy) => strategy.run(jobs));
      expect(results.map((result) => result.id)).toEqual(jobs.map((job) => job.id));
      expect(results.map((result) => result.bytes)).toEqual(jobs.map((_, id) => (id % 2 === 0 ? 3000 : 70_000)));
      for (const [index, result] of results.entries()) {
        const page = pages[index % 2] as Buffer;
        const expected = { bytes: page.length, digest: chain(page, 3) };
        expect(checkValue(jobs[index] as Job, result, expected), `job ${index}`).toBeUndefined();
      }
    });
  });

  it('runs every round of the chain: 1 to 5 rounds over one page, each its own digest', async () => {
    await withServer(async (server) => {
      const [url] = jobsFor(server, [{ size: 5000 }]).map((job) => job.url) as [string];
      const page = Buffer.from(await (await fetch(url)).arrayBuffer());
      const jobs: Job[] = [1, 2, 3, 4, 5].map((hashRounds, id) => ({ id, kind: 'mixed', url, hashRounds }));
      const results = await withStrategy(definition, { concurrency }, (strategy) => strategy.run(jobs));
      // A strategy that skips or repeats a round returns another round count's digest.
      expect(results.map((result) => (result.ok ? result.value : result.error.message))).toEqual(
        [1, 2, 3, 4, 5].map((rounds) => chain(page, rounds)),
      );
    });
  });
}

/** The mixed workload's chain from its definition, apart from core's: d₁ = sha256(body), dᵣ = sha256(dᵣ₋₁ ‖ body). */
function chain(body: Buffer, rounds: number): string {
  let digest = createHash('sha256').update(body).digest();
  for (let round = 2; round <= rounds; round++) digest = createHash('sha256').update(digest).update(body).digest();
  return digest.toString('hex');
}

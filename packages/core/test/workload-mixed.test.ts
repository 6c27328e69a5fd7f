import { createHash } from 'node:crypto';
import { startFixtureServer } from '@fanout/fixture-server';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner, poolTransport } from '../src/http/index.js';
import { checkValue, makeJobs } from '../src/index.js';

let server: Awaited<ReturnType<typeof startFixtureServer>>;
beforeAll(async () => {
  server = await startFixtureServer({ port: 0, sizeBytes: 5000, latencyMs: 0 });
});
afterAll(() => server.close());

const limits = { timeoutMs: 5000, maxBodyBytes: 1 << 20, maxRedirects: 5, retries: 0 };

describe('the mixed workload: download, then sha256 over the body, N rounds', () => {
  it('hashes exactly the bytes the server sent, the given number of rounds, through a redirect too', async () => {
    const url = `${server.url}/page?size=3000`;
    const body = Buffer.from(await (await request(url)).body.arrayBuffer());
    expect(body.length).toBe(3000);
    const digest = createHash('sha256').update(body).digest('hex');
    const runner = createJobRunner(poolTransport({ ...limits, connections: 2 }), limits);
    try {
      const jobs = makeJobs(
        { workload: 'mixed', cpuBase: 0, hashRounds: 3 },
        [url, `${server.url}/r?fault=redirect&hops=2&size=3000`],
        4,
      );
      const results = await Promise.all(jobs.map((job) => runner.run(job)));
      for (const [index, result] of results.entries()) {
        expect(result).toMatchObject({ ok: true, status: 200, bytes: 3000, value: digest });
        expect(checkValue(jobs[index] as (typeof jobs)[number], result)).toBeUndefined();
      }
    } finally {
      await runner.close();
    }
  });

  it('keeps no body for a plain download job', async () => {
    const runner = createJobRunner(poolTransport({ ...limits, connections: 1 }), limits);
    try {
      const result = await runner.run({ id: 0, url: `${server.url}/page` });
      expect(result).toMatchObject({ ok: true, bytes: 5000 });
      expect(result.ok && result.value).toBeUndefined();
    } finally {
      await runner.close();
    }
  });
});

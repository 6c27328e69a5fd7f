import { createHash } from 'node:crypto';
import { startFixtureServer } from '@fanout/fixture-server';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJobRunner, poolTransport } from '../src/http/index.js';
import { checkValue, hashRounds, makeJobs } from '../src/index.js';

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
    // The chain, computed here apart from hashRounds: d1 = sha256(body), then d = sha256(d ‖ body).
    let chained = createHash('sha256').update(body).digest();
    for (let round = 2; round <= 3; round++) chained = createHash('sha256').update(chained).update(body).digest();
    const digest = chained.toString('hex');
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

  it('chains its rounds: each round count gives another digest, and one round is plain sha256', () => {
    const body = [Buffer.from('x'.repeat(1000)), Buffer.from('y')];
    const digests = [1, 2, 3, 4].map((rounds) => hashRounds(body, rounds));
    expect(new Set(digests).size).toBe(4);
    expect(digests[0]).toBe(createHash('sha256').update(Buffer.concat(body)).digest('hex'));
    // Chunking does not matter: the same bytes give the same chain.
    expect(hashRounds([Buffer.concat(body)], 3)).toBe(digests[2]);
  });

  it('checks bytes and the digest against the page, naming the job, the expected and the got', () => {
    const job = { id: 7, kind: 'mixed' as const, url: 'http://127.0.0.1:1/p', hashRounds: 2 };
    const result = {
      ok: true as const,
      id: 7,
      status: 200,
      bytes: 10,
      value: 'a'.repeat(64),
      startMs: 0,
      endMs: 1,
      attempts: 1,
    };
    expect(checkValue(job, result, { bytes: 10, digest: 'a'.repeat(64) })).toBeUndefined();
    expect(checkValue(job, result, { bytes: 11 })).toBe(
      'job 7 (http://127.0.0.1:1/p): counted 10 body bytes, the page has 11',
    );
    expect(checkValue(job, result, { bytes: 10, digest: 'b'.repeat(64) })).toBe(
      `job 7 (http://127.0.0.1:1/p): 2 chained sha256 rounds over the page give ${'b'.repeat(64)}, got ${'a'.repeat(64)}`,
    );
    const download = { id: 1, url: 'http://127.0.0.1:1/p' };
    const { value: _digest, ...downloaded } = result;
    expect(checkValue(download, { ...downloaded, id: 1 }, { bytes: 9 })).toMatch(
      /counted 10 body bytes, the page has 9/,
    );
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

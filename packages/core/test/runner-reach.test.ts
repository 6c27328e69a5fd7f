import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type FixtureServer, startFixtureServer } from '@fanout/fixture-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobResult } from '../src/contract.js';
import { createJobRunner, type JobLimits, poolTransport } from '../src/http/index.js';

// 0.0.0.0 is not loopback by the rule, yet on Linux a connection to it reaches this machine: if the guard ever let
// a hop through, the fixture server (listening on 127.0.0.1) would count it, and nothing would leave the machine.
let fixture: FixtureServer;
let redirects: Server;
let redirectBase: string;
let remoteStandIn: string;

beforeAll(async () => {
  fixture = await startFixtureServer();
  remoteStandIn = `http://0.0.0.0:${fixture.port}`;
  // Answers every request with a 302 to the absolute URL in its `to` query parameter.
  redirects = createServer((request, response) => {
    const to = new URL(request.url ?? '/', 'http://x').searchParams.get('to') ?? '/';
    response.writeHead(302, { location: to, 'content-length': 0 }).end();
  });
  await new Promise<void>((resolve) => redirects.listen(0, '127.0.0.1', resolve));
  redirectBase = `http://127.0.0.1:${(redirects.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await fixture.close();
  await new Promise((resolve) => redirects.close(resolve));
});

const LIMITS = { timeoutMs: 5000, maxBodyBytes: 1_000_000, maxRedirects: 5, retries: 0 } as const;

async function runAll(limits: JobLimits, urls: readonly string[]): Promise<JobResult[]> {
  const runner = createJobRunner(poolTransport({ connections: 2, timeoutMs: limits.timeoutMs }), limits);
  try {
    return await Promise.all(urls.map((url, id) => runner.run({ id, url })));
  } finally {
    await runner.close();
  }
}

const via = (to: string) => `${redirectBase}/hop?to=${encodeURIComponent(to)}`;

describe('the job runner keeps every hop on this machine unless allowed', () => {
  it('refuses a redirect to a remote host before connecting, naming the host and the flag', async () => {
    const before = fixture.stats().requests;
    const results = await runAll(LIMITS, [
      via(`${remoteStandIn}/remote?size=10`),
      via(`http://[::ffff:127.0.0.1]:${fixture.port}/remote`),
      `${fixture.url}/local?size=10`,
    ]);
    expect(results.map((result) => (result.ok ? result.bytes : result.error.code))).toEqual([
      'REMOTE_REFUSED',
      'REMOTE_REFUSED',
      10,
    ]);
    const [first] = results;
    expect(first?.ok ? '' : first?.error.message).toMatch(
      /0\.0\.0\.0.*redirect from http:\/\/127\.0\.0\.1.*--allow-remote/,
    );
    // Only the plain job reached the server: neither refused hop connected.
    expect(fixture.stats().requests - before).toBe(1);
  });

  it('refuses a remote first URL too (defence in depth), and a string that is not a URL', async () => {
    const before = fixture.stats().requests;
    const results = await runAll(LIMITS, [`${remoteStandIn}/direct`, 'no url']);
    expect(results.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual(['REMOTE_REFUSED', 'UNKNOWN']);
    expect(results[0]?.ok ? '' : results[0]?.error.message).toMatch(/the job's URL/);
    expect(fixture.stats().requests).toBe(before);
  });

  it('follows the same hops with allowRemote', async () => {
    const before = fixture.stats().requests;
    const results = await runAll({ ...LIMITS, allowRemote: true }, [
      via(`${remoteStandIn}/remote?size=10`),
      `${remoteStandIn}/direct?size=7`,
    ]);
    expect(results.map((result) => (result.ok ? result.bytes : result.error.code))).toEqual([10, 7]);
    expect(fixture.stats().requests - before).toBe(2);
  });
});

import { type FixtureServerOptions, startFixtureServer } from '@fanout/fixture-server';
import { describe, expect, it } from 'vitest';
import type { JobResult } from '../src/contract.js';
import {
  createJobRunner,
  type PoolTransportOptions,
  poolTransport,
  STREAMS_PER_CONNECTION,
} from '../src/http/index.js';

const limits = { timeoutMs: 10_000, maxBodyBytes: 1_000_000, maxRedirects: 5, retries: 0 };

/** `count` jobs at once through one runner over `transport`, against a fixture server made with `server`. */
async function runAgainst(
  server: FixtureServerOptions,
  transport: Omit<PoolTransportOptions, 'timeoutMs'>,
  count: number,
  query: string,
  limit = limits.maxBodyBytes,
) {
  const fixture = await startFixtureServer(server);
  const runner = createJobRunner(
    poolTransport({ timeoutMs: limits.timeoutMs, ...transport, ...(fixture.ca ? { ca: fixture.ca } : {}) }),
    { ...limits, maxBodyBytes: limit },
  );
  try {
    const results: JobResult[] = await Promise.all(
      Array.from({ length: count }, (_, id) => runner.run({ id, url: `${fixture.url}/job/${id}?${query}` })),
    );
    return { results, stats: fixture.stats() };
  } finally {
    await runner.close();
    await fixture.close();
  }
}

describe('the pool transport over HTTP/2', () => {
  it('multiplexes a session’s requests as streams on one connection, as many at once as it may run', async () => {
    const { results, stats } = await runAgainst(
      { tls: true, http2: true },
      { connections: 8, http2: true },
      40,
      'latency=40',
    );
    expect(results.every((result) => result.ok && result.protocol === 'h2')).toBe(true);
    expect(stats).toMatchObject({ http2Sessions: 1, connections: 1, http2Streams: 40, maxInFlight: 8 });
  });

  it('opens another connection for every 100 streams in flight', async () => {
    const connections = STREAMS_PER_CONNECTION + 20;
    const { results, stats } = await runAgainst(
      { tls: true, http2: true },
      { connections, http2: true },
      240,
      'latency=100',
    );
    expect(results.every((result) => result.ok)).toBe(true);
    expect(stats).toMatchObject({ http2Sessions: 2, http2Streams: 240, maxInFlight: connections });
  });

  it('opens a connection per request in flight when the server answers HTTP/1.1 instead', async () => {
    const { results, stats } = await runAgainst({ tls: true }, { connections: 6, http2: true }, 30, 'latency=40');
    expect(results.every((result) => result.ok && result.protocol === 'http/1.1')).toBe(true);
    expect(stats.maxInFlight).toBe(6);
    expect(stats.http2Sessions).toBe(0);
  });
});

describe('the pool transport with content coding', () => {
  it('holds the body limit against the decoded body, whatever the wire carried', async () => {
    const { results } = await runAgainst(
      { compress: 'gzip' },
      { connections: 2, acceptEncoding: 'gzip' },
      2,
      'size=50000',
      20_000,
    );
    expect(results.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual([
      'BODY_TOO_LARGE',
      'BODY_TOO_LARGE',
    ]);
  });

  it('decodes an encoded answer it did not ask for, rather than count the coding as the page', async () => {
    const { results } = await runAgainst({}, { connections: 2 }, 2, 'fault=corrupt-encoding');
    expect(results.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual(['DECODE_FAILED', 'DECODE_FAILED']);
  });

  it('sends no Accept-Encoding for identity: a compressing server answers with the page as it is', async () => {
    const { results } = await runAgainst({ compress: 'br' }, { connections: 2 }, 4, 'size=5000');
    expect(results.map((result) => [result.bytes, result.ok && result.wireBytes])).toEqual(
      Array.from({ length: 4 }, () => [5000, undefined]),
    );
  });
});

import { hashRounds, isFanoutError, type JobResult, makeJobs } from '@fanout/core';
import { type FixtureServerOptions, pageBody, startFixtureServer } from '@fanout/fixture-server';
import { expect, it } from 'vitest';
import type { SuiteContext } from './context.js';
import { jobsFor, withStrategy } from './fixture.js';

// Empty, one byte, below and across a TLS record (16 KiB) and undici's 64 KiB reads, and a multi-chunk body.
const SIZES = [0, 1, 1000, 20_000, 65_537, 300_000];
const queries = Array.from({ length: 2 * SIZES.length }, (_, index) => ({ size: SIZES[index % SIZES.length] ?? 0 }));
const sizes = queries.map((query) => query.size);
/** Bigger than Linux's limit for one argument (MAX_ARG_STRLEN, 128 KiB), as system CA bundles are. */
const BUNDLE_BYTES = 256 * 1024;

/** A fixture server speaking `protocol` for `body`, always closed. */
async function withProtocolServer<T>(
  options: FixtureServerOptions,
  body: (server: Awaited<ReturnType<typeof startFixtureServer>>) => Promise<T>,
): Promise<T> {
  const server = await startFixtureServer(options);
  try {
    return await body(server);
  } finally {
    await server.close();
  }
}

const codes = (results: readonly JobResult[]) => results.map((result) => (result.ok ? 'ok' : result.error.code));

/**
 * The strategy over what real servers speak (issue 19), against the real fixture server over real sockets: HTTPS
 * verified through the CA the server hands out, HTTP/2 by ALPN, gzip and br decoded and counted as the page, and
 * the failures that must never pass silently (an untrusted certificate, a body that does not decode).
 */
export function protocolChecks({ definition, concurrency, wireBytes }: SuiteContext): void {
  it('downloads over HTTPS (HTTP/1.1), verifying the certificate through the given CA: every byte counted', async () => {
    await withProtocolServer({ tls: true }, async (server) => {
      const options = { concurrency, ca: server.ca };
      const results = await withStrategy(definition, options, (strategy) => strategy.run(jobsFor(server, queries)));
      expect(codes(results)).toEqual(queries.map(() => 'ok'));
      expect(results.map((result) => result.bytes)).toEqual(sizes);
      // HTTP/1.1 was the only protocol offered, so the results do not name one.
      expect(results.some((result) => result.ok && result.protocol !== undefined)).toBe(false);
      const stats = server.stats();
      expect(stats.requests).toBe(queries.length);
      expect(stats.tlsHandshakes + stats.tlsResumed).toBeGreaterThanOrEqual(1);
      expect(stats.http2Streams).toBe(0);
    });
  });

  it('trusts a CA bundle the size of a system one (over 128 KiB, more than one command-line argument may hold)', async () => {
    await withProtocolServer({ tls: true }, async (server) => {
      // /etc/ssl/certs/ca-certificates.crt is ~220 KiB; the run's certificate is in it somewhere, as --ca FILE allows.
      const ca = Array.from({ length: Math.ceil(BUNDLE_BYTES / (server.ca?.length ?? 1)) }, () => server.ca).join('\n');
      expect(ca.length).toBeGreaterThan(BUNDLE_BYTES);
      const results = await withStrategy(definition, { concurrency, ca }, (strategy) =>
        strategy.run(jobsFor(server, queries.slice(0, 4))),
      );
      expect(codes(results)).toEqual(queries.slice(0, 4).map(() => 'ok'));
    });
  });

  it('fails every job with TLS_CERT_INVALID when the certificate does not verify (no CA given)', async () => {
    await withProtocolServer({ tls: true }, async (server) => {
      const results = await withStrategy(definition, { concurrency, retries: 2 }, (strategy) =>
        strategy.run(jobsFor(server, queries.slice(0, 6))),
      );
      expect(codes(results)).toEqual(queries.slice(0, 6).map(() => 'TLS_CERT_INVALID'));
      for (const result of results) expect(result.ok ? '' : result.error.message).toMatch(/certificate/);
      // Never retried, never downgraded: nothing reached the server's HTTP layer.
      expect(results.every((result) => result.attempts === 1)).toBe(true);
      expect(server.stats().requests).toBe(0);
    });
  });

  it('speaks HTTP/2 when offered: every job a stream, few connections, each result naming h2', async () => {
    await withProtocolServer({ tls: true, http2: true }, async (server) => {
      const jobs = jobsFor(server, [...queries, ...queries.map(() => ({ latency: 30 }))]);
      const results = await withStrategy(definition, { concurrency, ca: server.ca, http2: true }, (strategy) =>
        strategy.run(jobs),
      );
      expect(codes(results)).toEqual(jobs.map(() => 'ok'));
      expect(results.slice(0, queries.length).map((result) => result.bytes)).toEqual(sizes);
      expect(results.map((result) => (result.ok ? result.protocol : undefined))).toEqual(jobs.map(() => 'h2'));
      const stats = server.stats();
      expect(stats.http2Streams).toBe(jobs.length);
      expect(stats.http2Sessions).toBeGreaterThanOrEqual(1);
      // Streams share connections: never more than one per request in flight, never more in flight than W.
      expect(stats.http2Sessions).toBeLessThanOrEqual(concurrency);
      expect(stats.maxInFlight).toBeLessThanOrEqual(concurrency);
    });
  });

  it('falls back to HTTP/1.1 when the server does not take h2, and says so in every result', async () => {
    await withProtocolServer({ tls: true }, async (server) => {
      const results = await withStrategy(definition, { concurrency, ca: server.ca, http2: true }, (strategy) =>
        strategy.run(jobsFor(server, queries)),
      );
      expect(results.map((result) => result.bytes)).toEqual(sizes);
      expect(results.map((result) => (result.ok ? result.protocol : 'failed'))).toEqual(queries.map(() => 'http/1.1'));
      expect(server.stats().http2Streams).toBe(0);
    });
  });

  for (const compress of ['gzip', 'br'] as const) {
    // gzip over plain HTTP/1.1, br over HTTP/2 and TLS: each coding once, each transport path once.
    const over = compress === 'gzip' ? {} : { tls: true, http2: true };
    it(`asks for ${compress} and decodes it: bytes are the page's, ${wireBytes ? 'wire bytes fewer' : 'no wire bytes reported'}`, async () => {
      await withProtocolServer({ ...over, compress }, async (server) => {
        const options = { concurrency, acceptEncoding: compress, ...(server.ca ? { ca: server.ca, http2: true } : {}) };
        const results = await withStrategy(definition, options, (strategy) => strategy.run(jobsFor(server, queries)));
        expect(codes(results)).toEqual(queries.map(() => 'ok'));
        expect(results.map((result) => result.bytes)).toEqual(sizes);
        for (const [index, result] of results.entries()) {
          const size = sizes[index] ?? 0;
          const wire = result.ok ? result.wireBytes : undefined;
          if (!wireBytes) {
            expect(wire).toBeUndefined();
          } else if (size >= 1000) {
            // The page text compresses to well under half from a few hundred bytes on.
            expect(wire).toBeGreaterThan(0);
            expect(wire).toBeLessThan(size / 2);
          }
        }
      });
    });
  }

  it('hashes the decoded page in mixed jobs over br: the digest of the page, not of its coding', async () => {
    await withProtocolServer({ compress: 'br' }, async (server) => {
      const urls = jobsFor(server, [{ size: 5000 }, { size: 70_000 }]).map((job) => job.url);
      const jobs = makeJobs({ workload: 'mixed', cpuBase: 0, hashRounds: 2 }, urls, 6);
      const results = await withStrategy(definition, { concurrency, acceptEncoding: 'br' }, (strategy) =>
        strategy.run(jobs),
      );
      const expected = (id: number) => hashRounds([pageBody(id % 2 === 0 ? 5000 : 70_000)], 2);
      expect(results.map((result) => (result.ok ? result.value : result.error.code))).toEqual(
        jobs.map((job) => expected(job.id)),
      );
    });
  });

  it('fails a body that does not decode with DECODE_FAILED, and goes on with the rest', async () => {
    await withProtocolServer({ compress: 'gzip' }, async (server) => {
      const jobs = jobsFor(server, [
        { fault: 'corrupt-encoding', size: 5000 },
        { size: 5000 },
        { fault: 'corrupt-encoding' },
      ]);
      const results = await withStrategy(definition, { concurrency, acceptEncoding: 'gzip' }, (strategy) =>
        strategy.run(jobs),
      );
      expect(codes(results)).toEqual(['DECODE_FAILED', 'ok', 'DECODE_FAILED']);
      expect(results[1]?.bytes).toBe(5000);
    });
  });

  const invalid: readonly [string, Record<string, unknown>, RegExp][] = [
    ['a CA that is not PEM', { ca: 'not a certificate' }, /ca: must hold at least one PEM certificate/],
    [
      'a CA block that does not parse',
      { ca: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----' },
      /ca: certificate 1 of 1 does not parse/,
    ],
    ['an encoding not offered', { acceptEncoding: 'deflate' }, /acceptEncoding: must be one of identity, gzip, br/],
    ['http2 as a string', { http2: 'yes' }, /http2: must be true or false/],
  ];
  for (const [label, options, message] of invalid) {
    it(`rejects ${label} with INVALID_OPTIONS naming the option`, async () => {
      const error = await definition.create({ concurrency, ...options }).then(
        async (strategy) => {
          await strategy.close();
          return undefined;
        },
        (caught: unknown) => caught,
      );
      expect(isFanoutError(error) && error.code).toBe('INVALID_OPTIONS');
      expect((error as Error).message).toMatch(message);
    });
  }
}

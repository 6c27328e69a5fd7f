import type { JobResult } from '@fanout/core';
import { expect, it } from 'vitest';
import type { SuiteContext } from './context.js';
import { type JobQuery, jobsFor, withServer, withStrategy } from './fixture.js';

interface FaultCase {
  readonly label: string;
  readonly query: JobQuery;
  /** The error code every strategy must give, or 'ok' with the bytes it must count. */
  readonly expected: string | { readonly ok: number };
}

/** Limits the matrix runs under: short enough that hangs end quickly, long enough for honest slow answers. */
export const MATRIX_OPTIONS = { timeoutMs: 1500, maxBodyBytes: 1_000_000, maxRedirects: 5 } as const;

/** One fault per job of the fixture server, and the code the same fault must give in every strategy. */
export const FAULT_CASES: readonly FaultCase[] = [
  { label: 'a plain answer', query: { size: 2048 }, expected: { ok: 2048 } },
  { label: 'reset before headers', query: { fault: 'reset-before-headers' }, expected: 'CONNECTION_RESET' },
  { label: 'reset mid-body', query: { fault: 'reset-mid-body', size: 200_000 }, expected: 'TRUNCATED' },
  { label: 'a hang', query: { fault: 'hang' }, expected: 'TIMEOUT' },
  { label: 'a slow drip past the deadline', query: { fault: 'slow-drip', size: 1000, drip: 50 }, expected: 'TIMEOUT' },
  { label: 'a slow drip within the deadline', query: { fault: 'slow-drip', size: 6, drip: 20 }, expected: { ok: 6 } },
  {
    label: 'a truncated body (Content-Length too large)',
    query: { fault: 'truncated', size: 10_000 },
    expected: 'TRUNCATED',
  },
  { label: 'a malformed response', query: { fault: 'malformed' }, expected: 'PROTOCOL' },
  { label: 'a short redirect chain', query: { fault: 'redirect', hops: 2, size: 777 }, expected: { ok: 777 } },
  { label: 'a redirect chain over the limit', query: { fault: 'redirect', hops: 8 }, expected: 'TOO_MANY_REDIRECTS' },
  { label: 'a redirect loop', query: { fault: 'redirect-loop' }, expected: 'REDIRECT_LOOP' },
  { label: 'an endless body', query: { fault: 'endless' }, expected: 'BODY_TOO_LARGE' },
  { label: 'a body over the limit', query: { size: 1_000_001 }, expected: 'BODY_TOO_LARGE' },
  { label: 'slow headers past the deadline', query: { fault: 'slow-headers', drip: 1000 }, expected: 'TIMEOUT' },
  { label: 'a huge body (1 GiB announced)', query: { fault: 'huge' }, expected: 'BODY_TOO_LARGE' },
  { label: 'a 503 drawn as a fault', query: { fault: 'server-error' }, expected: 'HTTP_STATUS' },
  { label: 'a 404 drawn as a fault', query: { fault: 'client-error' }, expected: 'HTTP_STATUS' },
  { label: 'a 404', query: { status: 404 }, expected: 'HTTP_STATUS' },
  { label: 'a 503', query: { status: 503 }, expected: 'HTTP_STATUS' },
  // Decoded whether asked for or not: a body labelled gzip is never counted as the page.
  { label: 'a body that does not decode', query: { fault: 'corrupt-encoding' }, expected: 'DECODE_FAILED' },
];

function outcome(result: JobResult): string | { ok: number } {
  return result.ok ? { ok: result.bytes } : result.error.code;
}

export function faultChecks({ definition, concurrency }: SuiteContext): void {
  for (const fault of FAULT_CASES) {
    it(`gives ${JSON.stringify(fault.expected)} for ${fault.label}`, async () => {
      await withServer(async (server) => {
        const jobs = jobsFor(server, [fault.query, { size: 10 }]);
        const results = await withStrategy(definition, { concurrency, ...MATRIX_OPTIONS }, (strategy) =>
          strategy.run(jobs),
        );
        expect(results.map(outcome)).toEqual([fault.expected, { ok: 10 }]);
        if (fault.query.status !== undefined)
          expect(results[0]?.ok ? 0 : results[0]?.error.status).toBe(fault.query.status);
      });
    });
  }

  it('accounts for every job of a batch mixing every fault, within the deadline', async () => {
    await withServer(async (server) => {
      const cases = [...FAULT_CASES, ...FAULT_CASES, ...FAULT_CASES];
      const started = Date.now();
      const results = await withStrategy(definition, { concurrency, ...MATRIX_OPTIONS }, (strategy) =>
        strategy.run(
          jobsFor(
            server,
            cases.map((fault) => fault.query),
          ),
        ),
      );
      expect(results.map(outcome)).toEqual(cases.map((fault) => fault.expected));
      // Every job ends within the deadline; lanes run them `concurrency` at a time.
      const lanes = Math.ceil(cases.length / concurrency);
      expect(Date.now() - started).toBeLessThan(lanes * MATRIX_OPTIONS.timeoutMs + 10_000);
    });
  });

  it('retries transport errors, counts the attempts, and does not retry answers', async () => {
    await withServer(async (server) => {
      const jobs = jobsFor(server, [{ fault: 'reset-before-headers' }, { status: 500 }, { size: 5 }]);
      const results = await withStrategy(definition, { concurrency, ...MATRIX_OPTIONS, retries: 2 }, (strategy) =>
        strategy.run(jobs),
      );
      expect(results.map((result) => [outcome(result), result.attempts])).toEqual([
        ['CONNECTION_RESET', 3],
        ['HTTP_STATUS', 1],
        [{ ok: 5 }, 1],
      ]);
      expect(server.stats().requests).toBe(5);
    });
  });

  it('does not follow redirects when maxRedirects is 0', async () => {
    await withServer(async (server) => {
      const jobs = jobsFor(server, [{ fault: 'redirect', hops: 1 }]);
      const results = await withStrategy(definition, { concurrency, ...MATRIX_OPTIONS, maxRedirects: 0 }, (strategy) =>
        strategy.run(jobs),
      );
      expect(results[0]).toMatchObject({ ok: false, error: { code: 'HTTP_STATUS', status: 302 } });
    });
  });
}

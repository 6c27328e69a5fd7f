import type { JobResult } from '@fanout/core';
import { expect, it } from 'vitest';
import type { SuiteContext } from './context.js';
import { jobsFor, withServer, withStrategy } from './fixture.js';
import { type RedirectServer, startRedirectServer } from './redirect-server.js';

const outcome = (result: JobResult) => (result.ok ? { ok: result.bytes } : result.error.code);

async function withRedirects<T>(body: (redirects: RedirectServer) => Promise<T>): Promise<T> {
  const redirects = await startRedirectServer();
  try {
    return await body(redirects);
  } finally {
    await redirects.close();
  }
}

/**
 * The reach rule on every hop, and the per-origin cap. The stand-in for a remote host is `0.0.0.0`: not loopback by
 * the rule, yet on Linux a connection to it reaches this machine, so a hop that slipped through would be counted by
 * the fixture server (on 127.0.0.1) and nothing would leave the machine.
 */
export function reachChecks({ definition, concurrency }: SuiteContext): void {
  it('refuses a hop to a host that is not loopback before connecting: REMOTE_REFUSED, naming the host and flag', async () => {
    await withServer(async (server) =>
      withRedirects(async (redirects) => {
        const remote = `http://0.0.0.0:${server.port}`;
        const jobs = [
          ...jobsFor(server, [{ size: 10 }]),
          { id: 1, url: redirects.to(`${remote}/job/1?size=10`) },
          { id: 2, url: `${remote}/job/2?size=10` },
          { id: 3, url: redirects.to(`http://[::ffff:127.0.0.1]:${server.port}/job/3`) },
        ];
        // No allowRemote: a strategy that does not pass the option on stays on this machine (fail closed).
        const results = await withStrategy(definition, { concurrency }, (strategy) => strategy.run(jobs));
        expect(results.map(outcome)).toEqual([{ ok: 10 }, 'REMOTE_REFUSED', 'REMOTE_REFUSED', 'REMOTE_REFUSED']);
        for (const result of results.slice(1)) {
          expect(result.ok ? '' : result.error.message).toMatch(/(0\.0\.0\.0|\[::ffff:7f00:1\]).*--allow-remote/);
        }
        expect(server.stats().requests).toBe(1);
      }),
    );
  });

  it('follows the same hops with allowRemote', async () => {
    await withServer(async (server) =>
      withRedirects(async (redirects) => {
        const remote = `http://0.0.0.0:${server.port}`;
        const jobs = [
          { id: 0, url: redirects.to(`${remote}/job/0?size=10`) },
          { id: 1, url: `${remote}/job/1?size=7` },
        ];
        const results = await withStrategy(definition, { concurrency, allowRemote: true }, (strategy) =>
          strategy.run(jobs),
        );
        expect(results.map(outcome)).toEqual([{ ok: 10 }, { ok: 7 }]);
        expect(server.stats().requests).toBe(2);
      }),
    );
  });

  if (concurrency < 2) return;
  const cap = Math.floor(concurrency / 2);
  it(`keeps at most maxPerOrigin ${cap} of ${concurrency} in flight per origin, redirect targets included, or refuses`, async () => {
    await withServer(async (server) =>
      withRedirects(async (redirects) => {
        // Half the jobs reach the server directly, half through a redirect from another origin.
        const direct = jobsFor(
          server,
          Array.from({ length: concurrency * 4 }, () => ({ latency: 40 })),
        );
        const jobs = direct.map((job) => (job.id % 2 === 0 ? job : { ...job, url: redirects.to(job.url) }));
        const options = { concurrency, maxPerOrigin: cap };
        const created = await definition.create(options).then(
          (strategy) => ({ strategy }),
          (error: unknown) => ({ error }),
        );
        if ('error' in created) {
          // A strategy whose workers outnumber the cap cannot keep to it, and must say so rather than exceed it.
          expect(created.error).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringMatching(/maxPerOrigin/) });
          return;
        }
        try {
          const results = await created.strategy.run(jobs);
          expect(results.filter((result) => result.ok)).toHaveLength(jobs.length);
          expect(server.stats().requests).toBe(jobs.length);
          expect(server.stats().maxInFlight).toBe(cap);
        } finally {
          await created.strategy.close();
        }
      }),
    );
  });
}

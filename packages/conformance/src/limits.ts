import { expect, it } from 'vitest';
import type { SuiteContext } from './context.js';
import { jobsFor, withServer, withStrategy } from './fixture.js';

export function limitChecks({ definition, concurrency, maxConcurrency }: SuiteContext): void {
  const levels = [...new Set([1, concurrency])];
  for (const level of levels) {
    it(`keeps at most ${level} request(s) in flight, and reaches ${level} with enough work`, async () => {
      await withServer(async (server) => {
        const jobs = jobsFor(
          server,
          Array.from({ length: level * 4 }, () => ({ latency: 40 })),
        );
        const results = await withStrategy(definition, { concurrency: level }, (strategy) => strategy.run(jobs));
        expect(results.filter((result) => result.ok)).toHaveLength(jobs.length);
        expect(server.stats().maxInFlight).toBe(level);
      });
    });
  }

  const invalid: readonly [string, unknown][] = [
    ['zero concurrency', { concurrency: 0 }],
    ['negative concurrency', { concurrency: -3 }],
    ['fractional concurrency', { concurrency: 1.5 }],
    ['NaN concurrency', { concurrency: Number.NaN }],
    ['infinite concurrency', { concurrency: Number.POSITIVE_INFINITY }],
    ['absurd concurrency', { concurrency: 1e9 }],
    ['concurrency as a string', { concurrency: '4' }],
    ['missing concurrency', {}],
    ['zero timeout', { concurrency: 1, timeoutMs: 0 }],
    ['negative body limit', { concurrency: 1, maxBodyBytes: -1 }],
    ['an unknown option', { concurrency: 1, workers: 3 }],
    ['no options object', undefined],
  ];
  for (const [label, options] of invalid) {
    it(`rejects ${label} with INVALID_OPTIONS naming the value`, async () => {
      const error = await definition.create(options).then(
        async (strategy) => {
          await strategy.close();
          return undefined;
        },
        (rejection: unknown) => rejection,
      );
      expect(error).toMatchObject({ code: 'INVALID_OPTIONS' });
      expect((error as Error).message).toMatch(/concurrency|timeoutMs|maxBodyBytes|workers|object/);
    });
  }

  if (Number.isFinite(maxConcurrency)) {
    it(`refuses concurrency above its maximum of ${maxConcurrency} as UNSUPPORTED`, async () => {
      await expect(definition.create({ concurrency: maxConcurrency + 1 })).rejects.toMatchObject({
        code: 'UNSUPPORTED',
      });
    });
  }
}

import { jobsFor, withServer } from '@fanout/conformance';
import { parseStrategyOptions } from '@fanout/core';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LIVE_POINTS, OPEN_POINTS } from '../src/keys.js';
import { parseQueueSettings } from '../src/settings.js';
import { createQueueStrategy } from '../src/strategy.js';
import { noRedis, useRedis } from './redis.js';

/** Every key in the database, registry keys aside (they are shared by all points, and emptied per point). */
async function pointKeysLeft(redis: Redis): Promise<string[]> {
  return (await redis.keys('*')).filter((key) => !key.startsWith('fanout:registry:')).sort();
}

describe.skipIf(noRedis !== undefined)(`queue: keys cleaned${noRedis ? ` (skipped: ${noRedis})` : ''}`, () => {
  const server = useRedis();
  let redis: Redis;
  beforeAll(async () => {
    redis = new Redis(server.url());
  });
  afterAll(async () => {
    await redis.quit();
  });
  const settings = () => parseQueueSettings({ redisUrl: server.url(), localWorkers: 1 });

  it('leaves no key of the point after close, and no registry entry', async () => {
    await withServer(async (target) => {
      const strategy = await createQueueStrategy(parseStrategyOptions({ concurrency: 2 }), settings());
      await strategy.run(
        jobsFor(
          target,
          Array.from({ length: 10 }, () => ({})),
        ),
      );
      expect(await pointKeysLeft(redis)).not.toEqual([]);
      await strategy.close();
      expect(await pointKeysLeft(redis)).toEqual([]);
      expect(await redis.zcard(LIVE_POINTS)).toBe(0);
      expect(await redis.hlen(OPEN_POINTS)).toBe(0);
    });
  });

  it('after an abort: ABORTED promptly, no job left waiting, nothing of that batch in the next, no key after close', async () => {
    await withServer(async (target) => {
      const strategy = await createQueueStrategy(parseStrategyOptions({ concurrency: 2 }), settings());
      try {
        const controller = new AbortController();
        const slow = jobsFor(
          target,
          Array.from({ length: 30 }, () => ({ latency: 5000 })),
        );
        const running = strategy.run(slow, controller.signal);
        await vi.waitFor(() => expect(target.stats().inFlight).toBe(2), { timeout: 10_000 });
        const abortedAt = Date.now();
        controller.abort();
        const results = await running;
        expect(Date.now() - abortedAt).toBeLessThan(4000);
        expect(results.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual(slow.map(() => 'ABORTED'));
        const requests = target.stats().requests;
        // The next batch gets only its own results, and none of the aborted jobs ever runs.
        const next = await strategy.run(
          jobsFor(
            target,
            Array.from({ length: 6 }, () => ({ size: 7 })),
          ),
        );
        expect(next.map((result) => result.bytes)).toEqual([7, 7, 7, 7, 7, 7]);
        expect(target.stats().requests).toBe(requests + 6);
        expect(strategy.report().duplicatesDropped).toBe(0);
      } finally {
        await strategy.close();
      }
      expect(await pointKeysLeft(redis)).toEqual([]);
    });
  });

  it('sweeps the keys of a point whose process died without closing (its heartbeat expired)', async () => {
    await redis.rpush('fanout:p-dead-1234:wait', 'x');
    await redis.hset('fanout:p-dead-1234:1', 'data', '{}');
    await redis.zadd(LIVE_POINTS, Date.now() - 1, 'p-dead-1234');
    const strategy = await createQueueStrategy(parseStrategyOptions({ concurrency: 1 }), settings());
    try {
      expect((await pointKeysLeft(redis)).filter((key) => key.includes('p-dead-1234'))).toEqual([]);
      expect(await redis.zscore(LIVE_POINTS, 'p-dead-1234')).toBeNull();
    } finally {
      await strategy.close();
    }
  });
});

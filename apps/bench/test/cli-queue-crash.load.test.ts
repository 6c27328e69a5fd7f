import { join } from 'node:path';
import { startFixtureServer } from '@fanout/fixture-server';
import { redisServerMissing } from '@fanout/queue/redis-server';
import { describe, expect, it, vi } from 'vitest';
import { startCli, tempDir } from './cli-helper.js';
import { cleanEnv, completed, readReport, startCliWorker, useRedisServer } from './queue-workers.js';

const noRedis = redisServerMissing();

describe.skipIf(noRedis)(`a fanout worker killed mid-point${noRedis ? ` (skipped: ${noRedis})` : ''}`, () => {
  const redisServer = useRedisServer();

  it('SIGKILL of one of two workers in a timed batch: no job lost or counted twice, the run ends', async () => {
    // 100 ms a job, W = 4 over two workers of 2: a batch of 60 jobs takes about 1.5 s. The warm-up is two slices of
    // 20 and two whole batches (160 requests, warm-up.ts), so request 180 after the workers joined is in the first
    // timed batch: the worker is killed there, with jobs in flight (every job takes 100 ms; it always has two).
    const server = await startFixtureServer({ latencyMs: 100, sizeBytes: 100 });
    const redis = redisServer();
    const workers = [
      await startCliWorker(redis.url, ['--concurrency', '2']),
      await startCliWorker(redis.url, ['--concurrency', '2']),
    ];
    const [victim, survivor] = workers as [(typeof workers)[0], (typeof workers)[0]];
    try {
      const cwd = tempDir();
      const args = ['run', '--strategies', 'queue', '--local-workers', '0', '--concurrency', '4', '--jobs', '60'];
      // A short lock, so the stalled-job check notices the dead worker within about 3 s.
      const env = cleanEnv({ FANOUT_REDIS_URL: redis.url, FANOUT_QUEUE_STALL_MS: '2000' });
      const url = `${server.url}/page`;
      const run = startCli([...args, '--url', url, '--iterations', '2', '--out', 'out'], cwd, env);
      await vi.waitFor(
        () => {
          if (!victim.stderr().includes('joined point')) throw new Error('not joined yet');
        },
        { timeout: 30_000, interval: 20 },
      );
      const joinedAt = server.stats().requests;
      await vi.waitFor(
        () => {
          if (server.stats().requests < joinedAt + 180) throw new Error('not in a timed batch yet');
        },
        { timeout: 30_000, interval: 10 },
      );
      victim.child.kill('SIGKILL');
      const result = await run.done;
      expect(result.code).toBe(0);
      const point = completed(readReport(join(cwd, 'out')), 'queue', 4);
      // Every job of every timed batch has exactly one result: a success, or the dead worker's jobs as WORKER_CRASHED.
      expect(point.totals.batches).toBe(2);
      expect(point.totals.succeeded + point.totals.failed).toBe(120);
      expect(point.worstBatch.succeeded + point.worstBatch.failed).toBe(60);
      expect(Object.keys(point.totals.errors).filter((code) => code !== 'WORKER_CRASHED')).toEqual([]);
      // At most the two jobs it had in flight, each counted once.
      expect(point.totals.failed).toBeGreaterThan(0);
      expect(point.totals.failed).toBeLessThanOrEqual(2);
      expect(point.broker).toMatchObject({ mode: 'remote', lanes: [2, 2] });
    } finally {
      for (const worker of workers) worker.child.kill('SIGINT');
      await server.close();
    }
    expect(await victim.exited).toBe('SIGKILL');
    expect(await survivor.exited).toBe(0);
  }, 120_000);
});

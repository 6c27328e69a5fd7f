import { jobsFor, withServer } from '@fanout/conformance';
import { parseStrategyOptions } from '@fanout/core';
import { describe, expect, it, vi } from 'vitest';
import { ENV, parseQueueSettings } from '../src/settings.js';
import { createQueueStrategy } from '../src/strategy.js';
import { noRedis, useRedis } from './redis.js';
import { startWorkerBin } from './workers.js';

// Workers started by hand, independently of any point (as on other machines), and a point with 0 local workers.
describe.skipIf(noRedis !== undefined)(`queue: remote workers only${noRedis ? ` (skipped: ${noRedis})` : ''}`, () => {
  const redis = useRedis();
  const remoteSettings = (extra: Record<string, unknown> = {}) =>
    parseQueueSettings({ redisUrl: redis.url(), localWorkers: 0, waitForWorkersMs: 5000, ...extra });

  it('runs every job on two independently started workers, at most W at once, and says two remote workers ran it', async () => {
    // One gets the URL as an argument, the other from the environment (which keeps the password out of `ps`).
    const workers = await Promise.all([
      startWorkerBin(['--redis', redis.url(), '--concurrency', '3']),
      startWorkerBin(['--concurrency', '3'], { [ENV.redisUrl]: redis.url() }),
    ]);
    try {
      await withServer(async (server) => {
        const strategy = await createQueueStrategy(parseStrategyOptions({ concurrency: 4 }), remoteSettings());
        try {
          const jobs = jobsFor(
            server,
            Array.from({ length: 40 }, () => ({ latency: 20 })),
          );
          const results = await strategy.run(jobs);
          expect(results.map((result) => (result.ok ? result.id : result.error.code))).toEqual(
            jobs.map((job) => job.id),
          );
          // Six slots between them, but the point's W caps the queue (BullMQ's global concurrency).
          expect(server.stats().maxInFlight).toBe(4);
          const report = strategy.report();
          expect(report).toMatchObject({ mode: 'remote', workersRan: { local: 0, remote: 2 }, localWorkersStarted: 0 });
          expect(report.remoteWorkers).toHaveLength(2);
          expect(report.notCounted).toMatch(/not in this point's figures/);
          expect(strategy.configuration).toMatch(/^2 remote workers × 3, at most 4 in flight/);
          expect(strategy.configuration).toMatch(/ran on 2 remote workers/);
        } finally {
          await strategy.close();
        }
      });
    } finally {
      const codes = await Promise.all(workers.map((worker) => worker.stop()));
      expect(codes).toEqual([0, 0]);
      const password = new URL(redis.url()).password;
      for (const worker of workers) {
        expect(worker.output()).toMatch(/joined point/);
        expect(worker.output()).not.toContain(password);
      }
    }
  });

  it('survives a remote worker killed with SIGKILL mid-batch: every job accounted for once, nothing hangs', async () => {
    const workers = await Promise.all(
      [1, 2].map(() => startWorkerBin(['--concurrency', '2'], { [ENV.redisUrl]: redis.url() })),
    );
    try {
      await withServer(async (server) => {
        const strategy = await createQueueStrategy(
          parseStrategyOptions({ concurrency: 4 }),
          remoteSettings({ stallMs: 600 }),
        );
        try {
          const queries = [
            ...Array.from({ length: 4 }, () => ({ latency: 1500 })),
            ...Array.from({ length: 12 }, () => ({})),
          ];
          const jobs = jobsFor(server, queries);
          const running = strategy.run(jobs);
          await vi.waitFor(() => expect(server.stats().inFlight).toBe(4), { timeout: 10_000 });
          workers[0]?.child.kill('SIGKILL');
          const results = await running;
          expect(results.map((result) => result.id)).toEqual(jobs.map((job) => job.id));
          const codes = results.map((result) => (result.ok ? 'ok' : result.error.code));
          expect(codes.filter((code) => code === 'WORKER_CRASHED')).toHaveLength(2);
          expect(codes.filter((code) => code === 'ok')).toHaveLength(14);
          expect(strategy.report().duplicatesDropped).toBe(0);
        } finally {
          await strategy.close();
        }
      });
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
  });

  it('gives up after the bounded wait with a clear error when no worker comes, naming the bin and no password', async () => {
    const started = Date.now();
    const error = await createQueueStrategy(
      parseStrategyOptions({ concurrency: 2 }),
      remoteSettings({ waitForWorkersMs: 300 }),
    ).then(
      async (strategy) => {
        await strategy.close();
        return undefined;
      },
      (rejection: unknown) => rejection as Error,
    );
    expect(error).toMatchObject({ code: 'STARTUP_FAILED' });
    expect(error?.message).toMatch(/no remote worker joined within 300 ms.*fanout worker --redis URL/);
    expect(error?.message).not.toContain(new URL(redis.url()).password);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

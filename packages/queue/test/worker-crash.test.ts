import { jobsFor, withServer } from '@fanout/conformance';
import { parseStrategyOptions } from '@fanout/core';
import { describe, expect, it, vi } from 'vitest';
import { parseQueueSettings } from '../src/settings.js';
import { createQueueStrategy } from '../src/strategy.js';
import { childrenOf } from './processes.js';
import { noRedis, useRedis } from './redis.js';

// A worker killed with SIGKILL in the middle of a batch: BullMQ's stalled-job check notices (its lock is 600 ms
// here), the point replaces the worker, and every job still ends with exactly one result.
describe.skipIf(noRedis !== undefined)(
  `queue: a worker killed mid-batch${noRedis ? ` (skipped: ${noRedis})` : ''}`,
  () => {
    const redis = useRedis();

    for (const stalledRetries of [0, 1]) {
      const policy = stalledRetries === 0 ? 'its jobs end as WORKER_CRASHED' : 'its jobs run again once and succeed';
      it(`loses no job and counts none twice; ${policy}; nothing hangs`, async () => {
        await withServer(async (server) => {
          const before = childrenOf();
          const strategy = await createQueueStrategy(
            parseStrategyOptions({ concurrency: 4 }),
            parseQueueSettings({ redisUrl: redis.url(), localWorkers: 2, stallMs: 600, stalledRetries }),
          );
          try {
            const workers = childrenOf().filter((pid) => !before.includes(pid));
            expect(workers).toHaveLength(2);
            // 4 slow jobs fill both workers (2 each); 12 quick ones follow.
            const queries = [
              ...Array.from({ length: 4 }, () => ({ latency: 1500 })),
              ...Array.from({ length: 12 }, () => ({})),
            ];
            const jobs = jobsFor(server, queries);
            const running = strategy.run(jobs);
            await vi.waitFor(() => expect(server.stats().inFlight).toBe(4), { timeout: 10_000 });
            process.kill(workers[0] as number, 'SIGKILL');
            const results = await running;

            expect(results.map((result) => result.id)).toEqual(jobs.map((job) => job.id));
            const crashed = results.filter((result) => !result.ok);
            if (stalledRetries === 0) {
              // Exactly the two slow jobs the dead worker held; everything else ran once.
              expect(crashed.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual([
                'WORKER_CRASHED',
                'WORKER_CRASHED',
              ]);
              expect(server.stats().requests).toBe(16);
            } else {
              // Its two jobs ran again on the replacement: every job succeeds, two requests were made twice.
              expect(crashed).toEqual([]);
              expect(server.stats().requests).toBe(18);
            }
            const report = strategy.report();
            expect(report.duplicatesDropped).toBe(0);
            expect(report.localWorkersStarted).toBe(3);
            // The point is whole again: the next batch runs entirely on two workers.
            const again = await strategy.run(
              jobsFor(
                server,
                Array.from({ length: 8 }, () => ({})),
              ),
            );
            expect(again.every((result) => result.ok)).toBe(true);
            expect(childrenOf().filter((pid) => !before.includes(pid))).toHaveLength(2);
          } finally {
            await strategy.close();
          }
          expect(childrenOf()).toEqual(before);
        });
      });
    }
  },
);

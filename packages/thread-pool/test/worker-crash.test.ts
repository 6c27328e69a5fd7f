import { jobsFor, withServer } from '@fanout/conformance';
import { parseStrategyOptions } from '@fanout/core';
import { describe, expect, it } from 'vitest';
import { createPoolStrategy } from '../src/index.js';

const CRASHING_WORKER = new URL('./fixtures/crashing-worker.mjs', import.meta.url).href;

describe('thread-pool: a worker that dies', () => {
  for (const crash of ['exit', 'throw', 'oom']) {
    it(`(${crash}) turns its job into WORKER_CRASHED, is replaced, and the batch completes`, async () => {
      await withServer(async (server) => {
        const strategy = await createPoolStrategy(parseStrategyOptions({ concurrency: 2 }), {
          workerFile: CRASHING_WORKER,
          resourceLimits: { maxOldGenerationSizeMb: 48 },
        });
        try {
          const queries = Array.from({ length: 12 }, (_, i) => (i === 3 || i === 8 ? { crash } : {}));
          const jobs = jobsFor(server, queries);
          const results = await strategy.run(jobs);
          expect(results).toHaveLength(12);
          expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(
            queries.map((q) => ('crash' in q ? 'WORKER_CRASHED' : 'ok')),
          );
          // The pool is whole again: once the replacement thread has started (piscina starts it
          // asynchronously), later batches run on two threads. Allow a few batches for that start.
          let peak = 0;
          for (let round = 0; round < 10 && peak < 2; round++) {
            server.resetStats();
            const again = await strategy.run(
              jobsFor(
                server,
                Array.from({ length: 6 }, () => ({ latency: 30 })),
              ),
            );
            expect(again.filter((r) => r.ok)).toHaveLength(6);
            peak = server.stats().maxInFlight;
          }
          expect(peak).toBe(2);
        } finally {
          await strategy.close();
        }
      });
    });
  }
});

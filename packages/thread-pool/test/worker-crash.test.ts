import { jobsFor, withServer } from '@fanout/conformance';
import { parseStrategyOptions } from '@fanout/core';
import { describe, expect, it } from 'vitest';
import { createPoolStrategy, hybridLayout, perJobLayout } from '../src/index.js';

const CRASHING_WORKER = new URL('./fixtures/crashing-worker.mjs', import.meta.url).href;

describe('thread-pool: a worker that dies', () => {
  for (const crash of ['exit', 'throw', 'oom']) {
    it(`(${crash}) turns its job into WORKER_CRASHED, is replaced, and the batch completes`, async () => {
      await withServer(async (server) => {
        const strategy = await createPoolStrategy(parseStrategyOptions({ concurrency: 2 }), {
          workerFile: CRASHING_WORKER,
          layout: perJobLayout(2),
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

describe('thread-pool-hybrid: a worker that dies mid-chunk', () => {
  it('turns exactly its chunk into WORKER_CRASHED and completes the batch', async () => {
    await withServer(async (server) => {
      const layout = hybridLayout(4, 3);
      const strategy = await createPoolStrategy(parseStrategyOptions({ concurrency: 4 }), {
        workerFile: CRASHING_WORKER,
        layout,
      });
      try {
        // 40 jobs in chunks of 8 (4 × 2 lanes): job 13 sits in the chunk of jobs 8–15.
        expect(layout.chunkSize(40)).toBe(8);
        const queries = Array.from({ length: 40 }, (_, i) => (i === 13 ? { crash: 'exit' } : {}));
        const results = await strategy.run(jobsFor(server, queries));
        expect(results.map((r) => r.id)).toEqual(queries.map((_, i) => i));
        const crashed = results.flatMap((r) => (!r.ok && r.error.code === 'WORKER_CRASHED' ? [r.id] : []));
        expect(crashed).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
        expect(results.filter((r) => r.ok)).toHaveLength(32);
      } finally {
        await strategy.close();
      }
    });
  });
});

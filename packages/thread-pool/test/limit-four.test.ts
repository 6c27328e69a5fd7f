import { jobsFor, withServer, withStrategy } from '@fanout/conformance';
import { describe, expect, it } from 'vitest';
import { strategy } from '../src/index.js';

// The conformance suite's limit check at the W it runs elsewhere (4), kept when this package's suite went to W = 2.
describe('thread-pool at W = 4', () => {
  it('keeps at most 4 requests in flight, and reaches 4 with enough work', async () => {
    await withServer(async (server) => {
      const jobs = jobsFor(
        server,
        Array.from({ length: 16 }, () => ({ latency: 40 })),
      );
      const results = await withStrategy(strategy, { concurrency: 4 }, (pool) => pool.run(jobs));
      expect(results.filter((result) => result.ok)).toHaveLength(jobs.length);
      expect(server.stats().maxInFlight).toBe(4);
    });
  });
});

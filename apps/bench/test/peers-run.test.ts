import { startFixtureServer } from '@fanout/fixture-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerRunSchema, skippedPeerSchema } from '../src/model/schema.js';
import { PEERS } from '../src/peers/registry.js';
import { runPeers } from '../src/peers/run-peers.js';
import { WHOLE_WARM_UP_BATCHES } from '../src/run/warm-up.js';

let server: Awaited<ReturnType<typeof startFixtureServer>>;
beforeAll(async () => {
  server = await startFixtureServer({ port: 0, sizeBytes: 1024, latencyMs: 0 });
});
afterAll(() => server.close());

const plan = (peers: Parameters<typeof runPeers>[0]['peers']) => ({
  peers,
  urls: [`${server.url}/a`, `${server.url}/b?size=10`],
  jobs: 200,
  concurrency: [4],
  batches: 2,
  timeoutMs: 5000,
  maxInFlight: undefined,
  signal: new AbortController().signal,
});

describe('peers against the real fixture server', () => {
  it('undici-pool and autocannon make every request of every batch, at W, and report a rate', async () => {
    server.resetStats();
    const records = await runPeers(plan(['undici-pool', 'autocannon']));
    expect(records.map((record) => record.strategy)).toEqual(['undici-pool', 'autocannon']);
    for (const record of records) {
      const run = peerRunSchema.parse(record);
      expect(run).toMatchObject({ peer: true, concurrency: 4, jobs: 200, samples: 2, succeeded: 200, failed: 0 });
      expect(run.requestsPerSecond).toBeGreaterThan(0);
    }
    // The points' whole warm-up batches and two timed batches each, 200 jobs a batch, never more than W at once.
    expect(server.stats().requests).toBe(2 * (WHOLE_WARM_UP_BATCHES + 2) * 200);
    expect(server.stats().maxInFlight).toBeLessThanOrEqual(4);
    expect(peerRunSchema.parse(records[1]).latencyMs).toBeDefined();
  });

  it('lists wrk as skipped with the install hint when it is not on PATH', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const [record] = await runPeers(plan(['wrk']));
      expect(skippedPeerSchema.parse(record).skipped).toMatch(/wrk is not on PATH .*apt-get install wrk/);
    } finally {
      process.env.PATH = path;
    }
  });

  it('skips remote points above --max-per-host like strategies', async () => {
    const [record] = await runPeers({ ...plan(['undici-pool']), maxInFlight: 2 });
    expect(skippedPeerSchema.parse(record).skipped).toMatch(/exceeds --max-per-host 2/);
  });
});

for (const name of ['python-asyncio', 'python-threads'] as const) {
  describe(name, async () => {
    const missing = await PEERS[name].unavailable();
    it.skipIf(missing !== undefined)(
      `reads every body and counts every job (${missing ?? 'python3 found'})`,
      async () => {
        server.resetStats();
        const [record] = await runPeers(plan([name]));
        expect(peerRunSchema.parse(record)).toMatchObject({ peer: true, samples: 2, succeeded: 200, failed: 0 });
        expect(server.stats().requests).toBe(3 * 200);
        expect(server.stats().maxInFlight).toBeLessThanOrEqual(4);
      },
    );
  });
}

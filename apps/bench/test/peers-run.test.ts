import { startFixtureServer } from '@fanout/fixture-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { peerRunSchema, skippedPeerSchema } from '../src/model/schema.js';
import type { PeerName } from '../src/peers/peer.js';
import { PEERS } from '../src/peers/registry.js';
import { runPeers } from '../src/peers/run-peers.js';
import { peerPlanOf, peerRunPlan } from './peers-fixtures.js';

let server: Awaited<ReturnType<typeof startFixtureServer>>;
beforeAll(async () => {
  // 2 ms a request: the warm-up rule's second and wrk's 1 s runs stay the same length, but spin far fewer requests
  // (at 0 ms wrk alone kept both cores busy for 6 s).
  server = await startFixtureServer({ port: 0, sizeBytes: 1024, latencyMs: 2 });
});
afterAll(() => server.close());

const plan = (peers: readonly PeerName[]) => peerRunPlan([`${server.url}/a`, `${server.url}/b?size=10`], peers);

/** One peer's measurement, with what the server saw while it ran. */
async function measured(name: PeerName) {
  server.resetStats();
  const measurement = await PEERS[name].run(peerPlanOf(plan([name]), 4));
  const { requests, maxInFlight, connections } = server.stats();
  return { measurement, requests, maxInFlight, connections };
}

describe('peers against the real fixture server', () => {
  it('undici-pool makes exactly its warm-up and timed requests, W at a time, and bills CPU per batch', async () => {
    const { measurement, requests, maxInFlight } = await measured('undici-pool');
    expect(measurement.batchesMs).toHaveLength(2);
    expect(measurement).toMatchObject({ succeeded: 200, failed: 0 });
    // The warm-up rule: two slices of 20 jobs, then at least two whole batches.
    expect(measurement.warmUp).toMatchObject({ slices: 2 });
    expect(measurement.warmUp.wholeBatches).toBeGreaterThanOrEqual(2);
    expect(requests).toBe(measurement.warmUp.jobs + 2 * 200);
    expect(maxInFlight).toBeLessThanOrEqual(4);
    expect(measurement.cpuMsPerBatch).toBeGreaterThan(0);
  });

  it('autocannon keeps its W connections for the whole run and times successive groups of answers', async () => {
    const { measurement, requests, maxInFlight, connections } = await measured('autocannon');
    expect(measurement.batchesMs).toHaveLength(2);
    expect(measurement).toMatchObject({ succeeded: 200, failed: 0 });
    expect(measurement.warmUp.wholeBatches).toBeGreaterThanOrEqual(2);
    // It runs on until stop() takes effect: never fewer requests than it counted.
    expect(requests).toBeGreaterThanOrEqual(measurement.warmUp.jobs + 2 * 200);
    expect(maxInFlight).toBeLessThanOrEqual(4);
    expect(connections).toBe(4);
    expect(measurement.cpuMsPerBatch).toBeGreaterThan(0);
    expect(measurement.latencyMs?.p50).toBeGreaterThan(0);
  });

  it('records the Node peers with their rate and CPU in the report shape', async () => {
    const records = await runPeers(plan(['undici-pool', 'autocannon']));
    expect(records.map((record) => record.strategy)).toEqual(['undici-pool', 'autocannon']);
    for (const record of records) {
      const run = peerRunSchema.parse(record);
      expect(run).toMatchObject({ peer: true, concurrency: 4, jobs: 200, samples: 2, succeeded: 200, failed: 0 });
      expect(run.requestsPerSecond).toBeGreaterThan(0);
      expect(run.cpuMsPerBatch).toBeGreaterThan(0);
    }
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
      `follows the warm-up rule, reads every body, counts every job and bills CPU (${missing ?? 'python3 found'})`,
      async () => {
        const { measurement, requests, maxInFlight } = await measured(name);
        expect(measurement).toMatchObject({ succeeded: 200, failed: 0 });
        expect(measurement.batchesMs).toHaveLength(2);
        expect(measurement.warmUp).toMatchObject({ slices: 2 });
        expect(requests).toBe(measurement.warmUp.jobs + 2 * 200);
        expect(maxInFlight).toBeLessThanOrEqual(4);
        expect(measurement.cpuMsPerBatch).toBeGreaterThan(0);
      },
    );
  });
}

describe('wrk', async () => {
  const missing = await PEERS.wrk.unavailable();
  it.skipIf(missing !== undefined)(
    `runs the warm-up rule in requests and reports its own CPU per batch (${missing ?? 'wrk found'})`,
    async () => {
      const { measurement, requests } = await measured('wrk');
      // Two 1 s slices and two whole batches (each a 1 s run: wrk's unit), then the two timed runs.
      expect(measurement.warmUp).toMatchObject({ slices: 2, wholeBatches: 2 });
      expect(measurement.batchesMs).toHaveLength(2);
      expect(measurement.cpuMsPerBatch).toBeGreaterThan(0);
      expect(measurement.failed).toBe(0);
      expect(requests).toBeGreaterThan(6 * 200);
    },
    30_000,
  );
});

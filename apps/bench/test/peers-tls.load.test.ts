import type { FixtureServer } from '@fanout/fixture-server';
import { describe, expect, it } from 'vitest';
import type { PeerName, PeerProtocol } from '../src/peers/peer.js';
import { PEERS } from '../src/peers/registry.js';
import { peerPlanOf, peerRunPlan, tlsServers } from './peers-fixtures.js';

// wrk over HTTPS and h2load over servers.h2, each against the real fixture server with gzip bodies (issue 19). Their runs
// last whole seconds (a new process per batch, sized to at least a second), so they are load tests.
const JOBS = 200;
const SIZE = 2000;
const servers = tlsServers(SIZE);

async function measured(name: PeerName, server: FixtureServer, protocol: PeerProtocol, concurrency: number) {
  server.resetStats();
  const runPlan = peerRunPlan([`${server.url}/a`, `${server.url}/b`], [name], { jobs: JOBS });
  const measurement = await PEERS[name].run(peerPlanOf(runPlan, concurrency, protocol));
  return { measurement, seen: server.stats() };
}

describe('h2load, the HTTP/2 peer', { timeout: 120_000 }, async () => {
  const missing = await PEERS.h2load.unavailable();
  it.skipIf(missing !== undefined)(
    `speaks h2 only, W streams on one connection, gzip asked for, CPU per batch (${missing ?? 'h2load found'})`,
    async () => {
      const protocol = { tls: true, ca: servers.h2.ca, http2: true, compress: 'gzip' as const };
      const { measurement, seen } = await measured('h2load', servers.h2, protocol, 8);
      expect(measurement.batchesMs).toHaveLength(2);
      expect(measurement).toMatchObject({ succeeded: JOBS, failed: 0 });
      expect(measurement.warmUp).toMatchObject({ slices: 2, wholeBatches: 2 });
      expect(measurement.cpuMsPerBatch).toBeGreaterThan(0);
      // Every request a stream; one connection per process (six runs: two slices, two whole batches, two timed).
      expect(seen.http2Streams).toBe(seen.requests);
      expect(seen.requests).toBeGreaterThanOrEqual(6 * JOBS);
      expect(seen.connections).toBe(6);
      expect(seen.maxInFlight).toBeLessThanOrEqual(8);
      expect(measurement.measures).toMatch(/^h2load -c1 -m8 -t1 -n\d+ --npn-list=h2 .*gzip asked for, bodies counted/);
    },
  );

  it.skipIf(missing !== undefined)('fails rather than fall back when the target does not choose h2', async () => {
    const protocol = { tls: true, ca: servers.h1.ca, http2: true, compress: undefined };
    await expect(measured('h2load', servers.h1, protocol, 4)).rejects.toThrow(/h2load answered no request with a 2xx/);
  });
});

describe('wrk over HTTPS', { timeout: 120_000 }, async () => {
  const missing = await PEERS.wrk.unavailable();
  it.skipIf(missing !== undefined)(
    `speaks HTTP/1.1 over TLS with gzip asked for, CPU per batch (${missing ?? 'wrk found'})`,
    async () => {
      const protocol = { tls: true, ca: servers.h1.ca, http2: false, compress: 'gzip' as const };
      const { measurement, seen } = await measured('wrk', servers.h1, protocol, 4);
      expect(measurement.batchesMs).toHaveLength(2);
      expect(measurement.failed).toBe(0);
      expect(measurement.cpuMsPerBatch).toBeGreaterThan(0);
      // Every wrk run opens its 4 connections over TLS (and one plain TCP connect first, testing the address).
      const runs = measurement.warmUp.slices + measurement.warmUp.wholeBatches + measurement.batchesMs.length;
      expect(seen.tlsHandshakes + seen.tlsResumed).toBe(4 * runs);
      expect(seen.http2Streams).toBe(0);
      expect(measurement.measures).toMatch(/HTTP\/1\.1 over TLS, certificate not verified by this client/);
    },
  );
});

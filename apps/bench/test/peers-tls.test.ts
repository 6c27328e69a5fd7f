import * as tls from 'node:tls';
import type { FixtureServer } from '@fanout/fixture-server';
import { describe, expect, it } from 'vitest';
import { peerRunSchema, skippedPeerSchema } from '../src/model/schema.js';
import type { PeerName, PeerProtocol } from '../src/peers/peer.js';
import { PEERS } from '../src/peers/registry.js';
import { type RunProtocol, runPeers } from '../src/peers/run-peers.js';
import { peerPlanOf, peerRunPlan, tlsServers } from './peers-fixtures.js';

// Peers over TLS, h2 and gzip against the real fixture server (issue 19). wrk and h2load, whose runs last whole
// seconds, are in peers-tls.load.test.ts.
const JOBS = 60;
const SIZE = 2000;
const servers = tlsServers(SIZE);

const plan = (server: FixtureServer, peers: readonly PeerName[], protocol: RunProtocol | undefined) =>
  peerRunPlan([`${server.url}/a`, `${server.url}/b`], peers, {
    jobs: JOBS,
    batches: 1,
    ...(protocol ? { protocol } : {}),
  });

/** One peer's run against `server` speaking `protocol`, with what the server saw. */
async function measured(name: PeerName, server: FixtureServer, protocol: PeerProtocol) {
  server.resetStats();
  const measurement = await PEERS[name].run(peerPlanOf(plan(server, [name], undefined), 4, protocol));
  return { measurement, seen: server.stats() };
}

const overH2 = (): PeerProtocol => ({ tls: true, ca: servers.h2.ca, http2: true, compress: 'gzip' });
const overH1 = (): PeerProtocol => ({ tls: true, ca: servers.h1.ca, http2: false, compress: 'gzip' });

describe('peers over TLS, h2 and gzip', { timeout: 60_000 }, () => {
  it('undici-pool speaks h2 as the job runner does: one connection carrying W streams, the CA verified', async () => {
    const { measurement, seen } = await measured('undici-pool', servers.h2, overH2());
    expect(measurement).toMatchObject({ succeeded: JOBS, failed: 0 });
    expect(seen.http2Streams).toBe(seen.requests);
    expect(seen.requests).toBe(measurement.warmUp.jobs + JOBS);
    expect(seen.connections).toBe(1);
    expect(seen.maxInFlight).toBeGreaterThan(1);
    expect(seen.maxInFlight).toBeLessThanOrEqual(4);
    expect(measurement.measures).toMatch(/h2 over TLS, certificate verified through the run's CA; gzip asked for/);
  });

  it('autocannon speaks HTTPS/1.1 on its W connections and says it does not verify itself', async () => {
    const { measurement, seen } = await measured('autocannon', servers.h1, overH1());
    expect(measurement).toMatchObject({ succeeded: JOBS, failed: 0 });
    expect(seen.tlsHandshakes + seen.tlsResumed).toBe(4);
    expect(seen.http2Streams).toBe(0);
    expect(measurement.measures).toMatch(/HTTP\/1\.1 over TLS, certificate not verified by this client/);
  });

  it('hands a CA bundle the size of a system one (more than one argument may hold) to the peers by file', async () => {
    // Node's bundled roots twice over, then the run's CA: about 400 KiB, far past Linux's 128 KiB per argument.
    const bundle = [...tls.rootCertificates, ...tls.rootCertificates, servers.h1.ca].join('\n');
    expect(bundle.length).toBeGreaterThan(256 * 1024);
    const names: PeerName[] = ['undici-pool', 'autocannon', 'python-threads'];
    for (const name of names) {
      if (await PEERS[name].unavailable()) continue;
      const { measurement } = await measured(name, servers.h1, { ...overH1(), ca: bundle });
      expect(measurement, name).toMatchObject({ succeeded: JOBS, failed: 0 });
    }
  });

  it("runs no peer against a target whose certificate does not verify through the run's CA", async () => {
    const records = await runPeers(
      plan(servers.h1, ['undici-pool', 'wrk'], { ca: undefined, offerH2: false, compress: 'gzip' }),
    );
    expect(records).toHaveLength(2);
    for (const record of records) {
      expect(skippedPeerSchema.parse(record).skipped).toMatch(
        /^a TLS connection verifying the target's certificate through the run's CA failed \((?:UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY): .*\): no peer is run against it$/,
      );
    }
  });

  it('leaves the HTTP/1.1-only peers out of an h2 run, and h2load out where the target chose HTTP/1.1', async () => {
    const http1Only: PeerName[] = ['autocannon', 'wrk', 'python-asyncio', 'python-threads'];
    const inH2 = await runPeers(
      plan(servers.h2, ['undici-pool', ...http1Only], { ca: servers.h2.ca, offerH2: true, compress: 'gzip' }),
    );
    expect(peerRunSchema.parse(inH2[0])).toMatchObject({ strategy: 'undici-pool', succeeded: JOBS });
    for (const record of inH2.slice(1)) {
      const missing = await PEERS[record.strategy as PeerName].unavailable();
      expect(skippedPeerSchema.parse(record).skipped).toBe(
        missing ??
          `${record.strategy} speaks HTTP/1.1 only, and the points spoke h2 here (run over HTTP/1.1 it would measure another protocol)`,
      );
    }
    // h2 offered, the target answered http/1.1: the points spoke HTTP/1.1, so h2load has nothing to measure.
    const [h2load] = await runPeers(
      plan(servers.h1, ['h2load'], { ca: servers.h1.ca, offerH2: true, compress: undefined }),
    );
    const missing = await PEERS.h2load.unavailable();
    expect(skippedPeerSchema.parse(h2load).skipped).toBe(
      missing ??
        'h2load is the HTTP/2 peer, and the points spoke HTTP/1.1 here (h2 needs https, --http2 and a target that chooses h2)',
    );
  });
});

for (const name of ['python-asyncio', 'python-threads'] as const) {
  describe(name, { timeout: 60_000 }, async () => {
    const missing = await PEERS[name].unavailable();
    it.skipIf(missing !== undefined)(
      `verifies through the run's CA, asks for gzip and decodes it (${missing ?? 'python3 found'})`,
      async () => {
        const { measurement, seen } = await measured(name, servers.h1, overH1());
        expect(measurement).toMatchObject({ succeeded: JOBS, failed: 0 });
        expect(seen.requests).toBe(measurement.warmUp.jobs + JOBS);
        expect(seen.tlsHandshakes + seen.tlsResumed).toBeGreaterThanOrEqual(1);
        expect(measurement.measures).toMatch(/certificate verified through the run's CA; gzip asked for and decoded/);
      },
    );
  });
}

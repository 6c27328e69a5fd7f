import { createServer } from 'node:net';
import { startFixtureServer } from '@fanout/fixture-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverCounters } from '../src/run/counters.js';
import { calibrateTarget } from '../src/target/calibration.js';
import { clientOptions } from '../src/target/client-options.js';
import { startServerProcess } from '../src/target/server-process.js';

let server: Awaited<ReturnType<typeof startFixtureServer>>;
beforeAll(async () => {
  server = await startFixtureServer({ port: 0, sizeBytes: 256, latencyMs: 0 });
});
afterAll(() => server.close());

const quick = { maxConnections: 16, maxRequests: 50_000, levelMs: 30, roundMs: 40, rounds: 4 };

describe('the calibration', () => {
  it('keeps every round and takes the best as the capacity estimate', async () => {
    const calibration = await calibrateTarget([`${server.url}/a`, `${server.url}/b`], quick);
    expect(calibration).toBeDefined();
    const { capacityRps, rounds, connections } = calibration ?? { capacityRps: undefined };
    expect(rounds).toBe(4);
    expect(connections).toBeLessThanOrEqual(16);
    expect(capacityRps?.min).toBeGreaterThan(0);
    expect(capacityRps?.max).toBeGreaterThanOrEqual(capacityRps?.median ?? Number.POSITIVE_INFINITY);
    expect(capacityRps?.median).toBeGreaterThanOrEqual(capacityRps?.min ?? Number.POSITIVE_INFINITY);
  });

  it("times each URL's latency on a warm connection, from answers the server made wait", async () => {
    server.resetStats();
    const url = `${server.url}/slow?latency=30`;
    const calibration = await calibrateTarget([url], { ...quick, maxConnections: 1, rounds: 1 });
    // The server's 30 ms timer may fire up to 1 ms early (libuv arms it from the loop's cached time).
    expect(calibration?.minLatencyMs[url]).toBeGreaterThanOrEqual(29);
    // Two requests open the connection and warm the code, then at least five samples.
    expect(server.stats().requests).toBeGreaterThanOrEqual(7);
  });

  it('gives no estimate for a target that answers nothing', async () => {
    const closed = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    try {
      expect(await calibrateTarget([`http://127.0.0.1:${port}/`], quick)).toBeUndefined();
    } finally {
      closed.close();
    }
  });

  it("speaks what the points speak: HTTPS through the run's CA, h2 and gzip (the CLI tests mostly turn it off)", async () => {
    const protocol = { tls: true, http2: true, compress: 'gzip', caFile: undefined, caPem: undefined } as const;
    const target = await startServerProcess([{ path: '/page', sizeBytes: 2000, latencyMs: 0 }], undefined, protocol);
    try {
      const counters = serverCounters(target.controlUrl as string, target.ca);
      await counters.resetStats();
      const calibration = await calibrateTarget(target.calibrationUrls, {
        ...quick,
        client: clientOptions(protocol, target.ca),
      });
      expect(calibration?.capacityRps.max).toBeGreaterThan(0);
      expect(calibration?.minLatencyMs[target.calibrationUrls[0] as string]).toBeGreaterThan(0);
      const seen = await counters.stats();
      expect(seen).toMatchObject({ protocol: 'h2' });
      expect(seen.http2Streams).toBe(seen.requests);
    } finally {
      await target.close();
    }
  });

  it('over h2 sweeps requests in flight as the points carry them: few connections, many streams each', async () => {
    const protocol = { tls: true, http2: true, compress: undefined, caFile: undefined, caPem: undefined } as const;
    // 20 ms per answer, so that a level's requests are all in flight at the server at once.
    const target = await startServerProcess([{ path: '/page', sizeBytes: 500, latencyMs: 20 }], undefined, protocol);
    try {
      const counters = serverCounters(target.controlUrl as string, target.ca);
      await counters.resetStats();
      const maxConnections = 256;
      const calibration = await calibrateTarget(target.calibrationUrls, {
        ...quick,
        maxConnections,
        client: clientOptions(protocol, target.ca),
      });
      const inFlight = calibration?.inFlight ?? 0;
      expect(calibration?.streams).toBeGreaterThan(1);
      expect(inFlight).toBeGreaterThan(1);
      expect(inFlight).toBeLessThanOrEqual(maxConnections);
      expect(calibration?.connections).toBeLessThanOrEqual(Math.ceil(inFlight / 100));
      expect((calibration?.connections ?? 0) * (calibration?.streams ?? 0)).toBeGreaterThanOrEqual(inFlight);
      const seen = await counters.stats();
      expect(seen).toMatchObject({ protocol: 'h2' });
      // The TLS probe, one per latency URL, one to warm up, then levels 1, 4, 16, 64 on one each and 256 on three:
      // over HTTP/1.1 connections the same sweep opens more than 400.
      expect(seen.connections).toBeLessThanOrEqual(1 + new Set(target.calibrationUrls).size + 1 + 4 + 3);
      expect(seen.maxInFlight).toBeGreaterThanOrEqual(100);
    } finally {
      await target.close();
    }
  });

  it('offering h2 to a server that chooses HTTP/1.1 sweeps connections of one request each, as before', async () => {
    const protocol = { tls: true, http2: false, compress: undefined, caFile: undefined, caPem: undefined } as const;
    const target = await startServerProcess([{ path: '/page', sizeBytes: 500, latencyMs: 0 }], undefined, protocol);
    try {
      const counters = serverCounters(target.controlUrl as string, target.ca);
      await counters.resetStats();
      const calibration = await calibrateTarget(target.calibrationUrls, {
        ...quick,
        client: { ...clientOptions(protocol, target.ca), http2: true },
      });
      expect(calibration?.capacityRps.max).toBeGreaterThan(0);
      expect(calibration).not.toHaveProperty('streams');
      expect(calibration).not.toHaveProperty('inFlight');
      const seen = await counters.stats();
      expect(seen.http2Streams).toBe(0);
      // Levels 1, 4 and 16 each on their own connections.
      expect(seen.connections).toBeGreaterThanOrEqual(1 + 4 + 16);
    } finally {
      await target.close();
    }
  });

  it('spends at most its request budget, latency samples included', async () => {
    server.resetStats();
    await calibrateTarget([`${server.url}/a`], { ...quick, maxRequests: 300 });
    expect(server.stats().requests).toBeLessThanOrEqual(300);
  });
});

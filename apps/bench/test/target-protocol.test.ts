import { Client } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { serverCounters } from '../src/run/counters.js';
import { relayedTarget } from '../src/target/relayed.js';
import { startServerProcess } from '../src/target/server-process.js';
import type { Target } from '../src/target/target.js';

const PAGES = [{ path: '/page', sizeBytes: 2000, latencyMs: 0 }];
const RTT_MS = 30;
let open: Target | undefined;

afterEach(async () => {
  await open?.close();
  open = undefined;
});

/** `n` requests one after another over one kept-alive connection; the time from the first to the last answer. */
async function sequentialRequests(url: string, ca: string | undefined, n: number, http2: boolean) {
  const target = new URL(url);
  const client = new Client(target.origin, { ...(ca ? { connect: { ca } } : {}), ...(http2 ? { allowH2: true } : {}) });
  try {
    const bodies: number[] = [];
    const started = performance.now();
    for (let i = 0; i < n; i++) {
      const response = await client.request({ path: `${target.pathname}${target.search}`, method: 'GET' });
      bodies.push((await response.body.arrayBuffer()).byteLength);
    }
    return { bodies, ms: performance.now() - started };
  } finally {
    await client.close();
  }
}

describe('the embedded target over TLS and HTTP/2, behind the relay', () => {
  it('hands out its CA, relays the jobs, reads its counters directly, and they count only the clients', async () => {
    const server = await startServerProcess(PAGES, undefined, { tls: true, http2: false, compress: undefined });
    open = server;
    expect(server.ca).toMatch(/BEGIN CERTIFICATE/);
    expect(server.description).toMatch(/HTTPS \(http\/1.1\)/);
    const target = await relayedTarget(server, { rttMs: RTT_MS, bandwidthMbit: undefined });
    open = target;
    const jobUrl = new URL(target.urls[0] as string);
    // Jobs go through the relay; the control routes straight to the server (no round trip added to them).
    expect(jobUrl.port).not.toBe(new URL(server.urls[0] as string).port);
    expect(target.controlUrl).toBe(server.controlUrl);
    expect(target.description).toMatch(/through a relay adding a 30 ms round trip/);

    const counters = serverCounters(target.controlUrl as string, target.ca);
    await counters.resetStats();
    const { bodies, ms } = await sequentialRequests(jobUrl.href, target.ca, 4, false);
    expect(bodies).toEqual([2000, 2000, 2000, 2000]);
    // A lower bound, not a timing target: each request crosses the relay both ways.
    expect(ms).toBeGreaterThanOrEqual(4 * RTT_MS);
    expect(await counters.stats()).toEqual({
      requests: 4,
      maxInFlight: 1,
      connections: 1,
      tlsHandshakes: 1,
      tlsResumed: 0,
      http2Sessions: 0,
      http2Streams: 0,
      protocol: 'https/1.1',
    });
  });

  it('counts HTTP/2 sessions and streams when the client speaks h2, and compresses when asked', async () => {
    const server = await startServerProcess(PAGES, undefined, { tls: true, http2: true, compress: 'gzip' });
    open = server;
    expect(server.description).toMatch(/HTTPS \(h2 and http\/1.1 by ALPN\), gzip bodies/);
    const counters = serverCounters(server.controlUrl as string, server.ca);
    await counters.resetStats();
    const { bodies } = await sequentialRequests(server.urls[0] as string, server.ca, 3, true);
    expect(bodies).toEqual([2000, 2000, 2000]);
    expect(await counters.stats()).toMatchObject({
      requests: 3,
      connections: 1,
      tlsHandshakes: 1,
      http2Sessions: 1,
      http2Streams: 3,
      protocol: 'h2',
    });
  });

  it('counts a plaintext server the same way: the control routes take no connection of the count', async () => {
    const server = await startServerProcess(PAGES);
    open = server;
    expect(server.ca).toBeUndefined();
    const counters = serverCounters(server.controlUrl as string);
    await counters.resetStats();
    await sequentialRequests(server.urls[0] as string, undefined, 2, false);
    await sequentialRequests(server.urls[0] as string, undefined, 1, false);
    expect(await counters.stats()).toMatchObject({ requests: 3, connections: 2, protocol: 'http/1.1' });
  });
});

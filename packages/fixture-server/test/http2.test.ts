import { connect as tlsConnect } from 'node:tls';
import { Agent, request } from 'undici';
import { describe, expect, it, vi } from 'vitest';
import { pageBody, startFixtureServer } from '../src/index.js';
import { h2Connect, h2Get } from './h2-client.js';
import { serverPerTest } from './per-test-server.js';

const start = serverPerTest();

function alpn(port: number, ca: string, protocols: string[]): Promise<string | false> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ port, host: '127.0.0.1', ca, ALPNProtocols: protocols }, () => {
      resolve(socket.alpnProtocol ?? false);
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

describe('fixture server over HTTP/2', () => {
  it('offers h2 and http/1.1 by ALPN; the plain TLS server only http/1.1', async () => {
    const server = await start({ tls: true, http2: true });
    const ca = server.ca ?? '';
    expect(await alpn(server.port, ca, ['h2', 'http/1.1'])).toBe('h2');
    expect(await alpn(server.port, ca, ['http/1.1'])).toBe('http/1.1');
    const tlsOnly = await start({ tls: true });
    expect(await alpn(tlsOnly.port, tlsOnly.ca ?? '', ['h2', 'http/1.1'])).toBe('http/1.1');
  });

  it('serves every request of an h2 client as a stream of one session, counted from the server side', async () => {
    const server = await start({ tls: true, http2: true, sizeBytes: 3000 });
    // One connection: an undici pool that may open more does so for every request dispatched before ALPN is known.
    // And undici multiplexes no more h2 streams on a connection than its `pipelining` (default 1).
    const agent = new Agent({ allowH2: true, connections: 1, pipelining: 10, connect: { ca: server.ca } });
    try {
      const bodies = await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const response = await request(`${server.url}/p${i}?latency=20`, { dispatcher: agent });
          expect(response.statusCode).toBe(200);
          return Buffer.from(await response.body.arrayBuffer());
        }),
      );
      for (const body of bodies) expect(body.equals(pageBody(3000))).toBe(true);
    } finally {
      await agent.close();
    }
    await vi.waitFor(() => expect(server.stats().openConnections).toBe(0));
    expect(server.stats()).toMatchObject({
      requests: 10,
      http2Streams: 10,
      http2Sessions: 1,
      connections: 1,
      tlsHandshakes: 1,
      maxInFlight: 10,
    });
  });

  it('still answers HTTP/1.1 clients, which count no session and no stream', async () => {
    const server = await start({ tls: true, http2: true, sizeBytes: 777 });
    const agent = new Agent({ connect: { ca: server.ca } });
    const response = await request(`${server.url}/x`, { dispatcher: agent });
    expect(Buffer.from(await response.body.arrayBuffer()).length).toBe(777);
    await agent.close();
    expect(server.stats()).toMatchObject({ requests: 1, http2Streams: 0, http2Sessions: 0, tlsHandshakes: 1 });
  });

  it('keeps the query parameters: size, status, latency, redirect', async () => {
    const server = await start({ tls: true, http2: true });
    const session = await h2Connect(server.url, server.ca);
    try {
      const sized = await h2Get(session, '/a?size=12345&status=201');
      expect(sized).toMatchObject({ status: 201, rstCode: 0 });
      expect(sized.body.length).toBe(12_345);
      const slow = await h2Get(session, '/b?latency=60');
      expect(slow.headersAt).toBeGreaterThanOrEqual(58);
      const hop = await h2Get(session, '/c?fault=redirect&hops=1');
      expect(hop.status).toBe(302);
      expect(hop.headers.location).toBe('/c?fault=redirect&hops=0');
      const bad = await h2Get(session, '/d?size=-1');
      expect(bad.status).toBe(400);
    } finally {
      session.close();
    }
  });

  it('refuses http2 without tls, naming why', async () => {
    await expect(startFixtureServer({ http2: true })).rejects.toThrow(/http2 needs tls/);
  });
});

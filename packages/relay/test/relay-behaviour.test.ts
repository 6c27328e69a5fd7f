import { once } from 'node:events';
import { connect, createServer } from 'node:net';
import { Agent, Pool, request } from 'undici';
import { describe, expect, it, vi } from 'vitest';
import { startRelay } from '../src/index.js';
import { perTest } from './relay-start.js';

const use = perTest();

/** A raw GET through `port`: every byte, and whether the connection ended with a FIN or a reset. */
function rawGet(port: number, path: string) {
  return new Promise<{ bytes: number; fin: boolean; error: string | undefined }>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nhost: x\r\n\r\n`));
    let bytes = 0;
    let fin = false;
    let error: string | undefined;
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    socket.on('end', () => {
      fin = true;
    });
    socket.on('error', (cause: NodeJS.ErrnoException) => {
      error = cause.code;
    });
    socket.on('close', () => resolve({ bytes, fin, error }));
  });
}

describe('relay: what passes through', () => {
  it('paces each connection to its bandwidth: 1 MB at 40 Mbit/s takes at least 200 ms', async () => {
    const server = await use.server({ sizeBytes: 1_000_000 });
    const relay = await use.relay({ target: server.url, rttMs: 0, bandwidthMbit: 40 });
    const pool = new Pool(relay.url, { connections: 1 });
    use.later(() => pool.close());
    const started = performance.now();
    const response = await pool.request({ path: '/big', method: 'GET' });
    expect((await response.body.arrayBuffer()).byteLength).toBe(1_000_000);
    // 40 Mbit/s is 5,000 bytes per ms.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_000_000 / 5000);
    expect(relay.stats().bytesDown).toBeGreaterThan(1_000_000);
  });

  it('passes a FIN on as a FIN and a reset on as a reset, after the bytes sent before them', async () => {
    const server = await use.server();
    const relay = await use.relay({ target: server.url, rttMs: 10 });
    const truncated = await rawGet(relay.port, '/x?fault=truncated&size=100000');
    expect(truncated).toMatchObject({ fin: true, error: undefined });
    expect(truncated.bytes).toBeGreaterThan(50_000);
    const reset = await rawGet(relay.port, '/x?fault=reset-mid-body&size=100000');
    expect(reset.error).toBe('ECONNRESET');
    expect(reset.bytes).toBeGreaterThan(50_000);
    const early = await rawGet(relay.port, '/x?fault=reset-before-headers');
    expect(early).toMatchObject({ bytes: 0, error: 'ECONNRESET' });
  });

  it('carries TLS and HTTP/2 untouched: the client verifies the server, streams share one relayed connection', async () => {
    const server = await use.server({ tls: true, http2: true, compress: 'gzip', sizeBytes: 20_000 });
    const relay = await use.relay({ target: server.url, rttMs: 20 });
    const agent = new Agent({ allowH2: true, connections: 1, pipelining: 8, connect: { ca: server.ca } });
    use.later(() => agent.close());
    const statuses = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const response = await request(`${relay.url}/p${i}`, {
          dispatcher: agent,
          headers: { 'accept-encoding': 'gzip' },
        });
        await response.body.dump();
        return `${response.statusCode} ${String(response.headers['content-encoding'])}`;
      }),
    );
    expect(new Set(statuses)).toEqual(new Set(['200 gzip']));
    expect(server.stats()).toMatchObject({ requests: 8, http2Streams: 8, http2Sessions: 1, tlsHandshakes: 1 });
    expect(relay.stats().connections).toBe(1);
  });

  it('a target that refuses the connection resets the client after one round trip', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    const relay = await use.relay({ target: `http://127.0.0.1:${port}`, rttMs: 40 });
    const started = performance.now();
    const outcome = await rawGet(relay.port, '/');
    expect(outcome).toMatchObject({ bytes: 0, error: 'ECONNRESET' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(39);
  });

  it('holds at most its window for a client that does not read, and close() ends every connection at once', async () => {
    const server = await use.server();
    const relay = await use.relay({ target: server.url, rttMs: 10 });
    const socket = connect(relay.port, '127.0.0.1', () =>
      socket.write('GET /x?fault=endless HTTP/1.1\r\nhost: x\r\n\r\n'),
    );
    socket.on('error', () => undefined);
    socket.pause();
    // The endless answer stops at the relay's window plus the sockets' buffers, not at the client's memory: what
    // the relay has written stops growing (without the window it would grow by GBs for as long as the test waits).
    await vi.waitFor(() => expect(relay.stats().bytesDown).toBeGreaterThan(0), { timeout: 10_000 });
    let last = -1;
    await vi.waitFor(
      () => {
        const now = relay.stats().bytesDown;
        const settled = now === last;
        last = now;
        expect(settled).toBe(true);
      },
      { timeout: 20_000, interval: 250 },
    );
    expect(last).toBeLessThan(32 * 1024 * 1024);
    const closing = performance.now();
    await relay.close();
    expect(performance.now() - closing).toBeLessThan(5000);
    expect(relay.stats().openConnections).toBe(0);
  });

  it('refuses a remote target, a bad rtt or bandwidth, naming the value', async () => {
    await expect(startRelay({ target: 'http://192.0.2.1:80', rttMs: 1 })).rejects.toThrow(
      'relay target "http://192.0.2.1:80" is not on loopback; a remote target needs --allow-remote',
    );
    await expect(startRelay({ target: 'ftp://127.0.0.1:21', rttMs: 1 })).rejects.toThrow(/http or https URL/);
    await expect(startRelay({ target: 'http://127.0.0.1:1', rttMs: -1 })).rejects.toThrow(/rtt must be .* got -1/);
    await expect(startRelay({ target: 'http://127.0.0.1:1', rttMs: 1, bandwidthMbit: 0 })).rejects.toThrow(
      /bandwidth must be .* got 0/,
    );
  });
});

import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { Pool } from 'undici';
import { describe, expect, it } from 'vitest';
import { perTest } from './relay-start.js';

const use = perTest();
const RTT = 50;
// libuv's timer clock counts whole milliseconds, so a timer may look up to 1 ms short on a finer clock.
const SLACK = 1;

/** A TCP target that echoes every chunk at once and records when each arrived (the server's side of the clock). */
async function echoTarget() {
  const arrivals: number[] = [];
  const server = createServer((socket) => {
    socket.on('data', (chunk) => {
      arrivals.push(performance.now());
      socket.write(chunk);
    });
    socket.on('error', () => undefined);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  use.later(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${port}`, arrivals, sockets: server };
}

function nextData(socket: Socket): Promise<number> {
  return new Promise((resolve) => socket.once('data', () => resolve(performance.now())));
}

describe('relay: round trips as a network path costs them', () => {
  it('from both sides: the handshake before the first byte, then RTT/2 each way for every chunk', async () => {
    const target = await echoTarget();
    const relay = await use.relay({ target: target.url, rttMs: RTT });
    const opened = performance.now();
    const socket = connect(relay.port, '127.0.0.1');
    await once(socket, 'connect');
    socket.write('first');
    const firstBack = await nextData(socket);
    // The server sees the first byte after the handshake's round trip and half of one more.
    expect((target.arrivals[0] as number) - opened).toBeGreaterThanOrEqual(1.5 * RTT - SLACK);
    expect(firstBack - opened).toBeGreaterThanOrEqual(2 * RTT - SLACK);
    // On the open connection: RTT/2 to the server, RTT/2 back.
    const sent = performance.now();
    socket.write('second');
    const secondBack = await nextData(socket);
    expect((target.arrivals[1] as number) - sent).toBeGreaterThanOrEqual(RTT / 2 - SLACK);
    expect(secondBack - (target.arrivals[1] as number)).toBeGreaterThanOrEqual(RTT / 2 - SLACK);
    expect(secondBack - sent).toBeGreaterThanOrEqual(RTT - SLACK);
    socket.destroy();
  });

  it('a W = 1 batch of N requests on one kept-alive connection takes at least N round trips (and one to connect)', async () => {
    const server = await use.server({ sizeBytes: 2000 });
    const relay = await use.relay({ target: server.url, rttMs: RTT });
    const pool = new Pool(relay.url, { connections: 1 });
    use.later(() => pool.close());
    const n = 6;
    const started = performance.now();
    for (let i = 0; i < n; i += 1) {
      const response = await pool.request({ path: `/p${i}`, method: 'GET' });
      expect((await response.body.arrayBuffer()).byteLength).toBe(2000);
    }
    expect(performance.now() - started).toBeGreaterThanOrEqual((n + 1) * RTT - SLACK);
    // One connection carried them all: the server saw it, through the relay.
    expect(server.stats()).toMatchObject({ requests: n, connections: 1 });
    expect(relay.stats()).toMatchObject({ connections: 1, openConnections: 1 });
  });

  it('a cold HTTPS connection pays TCP, TLS 1.3 and the request: its first response after 3 round trips', async () => {
    const server = await use.server({ tls: true, sizeBytes: 100 });
    const relay = await use.relay({ target: server.url, rttMs: RTT });
    expect(relay.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    for (const [version, roundTrips] of [
      ['TLSv1.3', 3],
      ['TLSv1.2', 4],
    ] as const) {
      const started = performance.now();
      const socket = tlsConnect({ port: relay.port, host: '127.0.0.1', ca: server.ca, maxVersion: version });
      await once(socket, 'secureConnect');
      expect(socket.getProtocol()).toBe(version);
      // Verified through the server's own CA: the relay passed TLS through untouched.
      expect(socket.authorized).toBe(true);
      socket.write('GET /x HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n');
      const answered = await nextData(socket);
      expect(answered - started, version).toBeGreaterThanOrEqual(roundTrips * RTT - SLACK);
      socket.destroy();
    }
    expect(server.stats()).toMatchObject({ requests: 2, tlsHandshakes: 2 });
  });

  it('a cold plain HTTP connection: the first response after 2 round trips', async () => {
    const server = await use.server({ sizeBytes: 100 });
    const relay = await use.relay({ target: server.url, rttMs: RTT });
    const pool = new Pool(relay.url, { connections: 1 });
    use.later(() => pool.close());
    const started = performance.now();
    const response = await pool.request({ path: '/x', method: 'GET' });
    await response.body.dump();
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * RTT - SLACK);
  });
});

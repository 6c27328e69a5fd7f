import { X509Certificate } from 'node:crypto';
import { connect, type TLSSocket } from 'node:tls';
import { Agent, request } from 'undici';
import { describe, expect, it, vi } from 'vitest';
import { pageBody } from '../src/index.js';
import { serverPerTest } from './per-test-server.js';

const start = serverPerTest();

/** A TLS connection verified through `ca`, optionally resuming `session`; resolves once the handshake is done. */
function handshake(port: number, ca: string, servername: string, session?: Buffer) {
  return new Promise<{ socket: TLSSocket; session: Promise<Buffer> }>((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', servername, ca, ...(session ? { session } : {}) });
    const ticket = new Promise<Buffer>((got) => socket.once('session', got));
    socket.once('secureConnect', () => resolve({ socket, session: ticket }));
    socket.once('error', reject);
  });
}

describe('fixture server over TLS', () => {
  it('serves HTTPS with a certificate for 127.0.0.1 and localhost, signed by the CA it hands out', async () => {
    const server = await start({ tls: true });
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const ca = new X509Certificate(server.ca ?? '');
    expect(ca.ca).toBe(true);
    const { socket } = await handshake(server.port, server.ca ?? '', 'localhost');
    const leaf = socket.getPeerX509Certificate();
    expect(socket.authorized).toBe(true);
    expect(socket.getProtocol()).toBe('TLSv1.3');
    socket.destroy();
    expect(leaf?.ca).toBe(false);
    expect(leaf?.checkIssued(ca)).toBe(true);
    expect(leaf?.verify(ca.publicKey)).toBe(true);
    expect(leaf?.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf?.checkHost('localhost')).toBe('localhost');
    expect(leaf?.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost');
  });

  it('a client that trusts the CA gets the page; every server makes its own CA', async () => {
    const server = await start({ tls: true, sizeBytes: 5000 });
    const other = await start({ tls: true });
    expect(other.ca).not.toBe(server.ca);
    const agent = new Agent({ connect: { ca: server.ca } });
    try {
      for (const host of ['127.0.0.1', 'localhost']) {
        const response = await request(`https://${host}:${server.port}/page`, { dispatcher: agent });
        expect(response.statusCode).toBe(200);
        expect(Buffer.from(await response.body.arrayBuffer()).equals(pageBody(5000))).toBe(true);
      }
    } finally {
      await agent.close();
    }
  });

  it('a client that does not trust the CA fails verification, with no page', async () => {
    const server = await start({ tls: true });
    const stranger = await start({ tls: true });
    await expect(request(`${server.url}/x`)).rejects.toMatchObject({ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    const agent = new Agent({ connect: { ca: stranger.ca } });
    await expect(request(`${server.url}/x`, { dispatcher: agent })).rejects.toMatchObject({
      code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    });
    await agent.close();
    expect(server.stats().requests).toBe(0);
  });

  it('counts connections, full handshakes and resumed ones, and zeroes them on reset', async () => {
    const server = await start({ tls: true });
    const first = await handshake(server.port, server.ca ?? '', 'localhost');
    const ticket = await first.session;
    first.socket.destroy();
    const second = await handshake(server.port, server.ca ?? '', 'localhost', ticket);
    expect(second.socket.isSessionReused()).toBe(true);
    // The server completes a TLS 1.3 handshake after the client does (it waits for the client's Finished).
    await vi.waitFor(() =>
      expect(server.stats()).toMatchObject({ connections: 2, tlsHandshakes: 1, tlsResumed: 1, http2Sessions: 0 }),
    );
    second.socket.destroy();
    server.resetStats();
    expect(server.stats()).toMatchObject({ tlsHandshakes: 0, tlsResumed: 0 });
  });

  it('a plain server has no CA and counts no handshakes', async () => {
    const server = await start();
    expect(server.ca).toBeUndefined();
    const response = await request(`${server.url}/x`);
    await response.body.dump();
    expect(server.stats()).toMatchObject({ requests: 1, connections: 1, tlsHandshakes: 0, http2Streams: 0 });
  });
});

import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { type Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { createCompressedPages } from '../src/encoding.js';
import { DECODED_LENGTH_HEADER, pageBody } from '../src/index.js';
import { h2Connect, h2Get } from './h2-client.js';
import { serverPerTest } from './per-test-server.js';

const start = serverPerTest();

async function get(url: string, acceptEncoding?: string, dispatcher?: Agent) {
  const response = await request(url, {
    headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
    ...(dispatcher ? { dispatcher } : {}),
  });
  // undici's request() hands over the bytes as sent: the wire bytes, still compressed.
  return { headers: response.headers, wire: Buffer.from(await response.body.arrayBuffer()) };
}

describe('compressed pages', () => {
  it('gzip when the client accepts it: fewer bytes on the wire, the same page once decoded', async () => {
    const server = await start({ compress: 'gzip' });
    const { headers, wire } = await get(`${server.url}/p?size=100000`, 'gzip, deflate, br');
    expect(headers).toMatchObject({
      'content-encoding': 'gzip',
      vary: 'accept-encoding',
      'content-length': String(wire.length),
      [DECODED_LENGTH_HEADER]: '100000',
    });
    expect(gunzipSync(wire).equals(pageBody(100_000))).toBe(true);
    // Like a real page: a few times smaller, not a thousand.
    const ratio = 100_000 / wire.length;
    expect(ratio).toBeGreaterThan(3);
    expect(ratio).toBeLessThan(6);
  });

  it('br likewise, and over HTTP/2', async () => {
    const server = await start({ compress: 'br', tls: true, http2: true });
    const session = await h2Connect(server.url, server.ca);
    try {
      const outcome = await h2Get(session, '/p?size=50000', { 'accept-encoding': 'br' });
      expect(outcome.headers['content-encoding']).toBe('br');
      expect(Number(outcome.headers['content-length'])).toBe(outcome.body.length);
      expect(brotliDecompressSync(outcome.body).equals(pageBody(50_000))).toBe(true);
      expect(50_000 / outcome.body.length).toBeGreaterThan(3);
    } finally {
      session.close();
    }
  });

  it('identity when the client does not accept the coding, byte for byte the page', async () => {
    const server = await start({ compress: 'gzip', sizeBytes: 20_000 });
    for (const accept of [undefined, 'br', 'gzip;q=0', 'identity', '*;q=0', 'gzip;q=0, *']) {
      const { headers, wire } = await get(`${server.url}/p`, accept);
      expect(headers['content-encoding'], String(accept)).toBeUndefined();
      expect(headers.vary).toBe('accept-encoding');
      expect(wire.equals(pageBody(20_000))).toBe(true);
    }
    for (const accept of ['*', 'GZIP', 'br;q=1, gzip;q=0.5', 'identity, *;q=0.1']) {
      expect((await get(`${server.url}/p`, accept)).headers['content-encoding'], accept).toBe('gzip');
    }
  });

  it('a server without --compress never compresses', async () => {
    const server = await start({ sizeBytes: 3000 });
    const { headers, wire } = await get(`${server.url}/p`, 'gzip, br');
    expect(headers['content-encoding']).toBeUndefined();
    expect(headers.vary).toBeUndefined();
    expect(wire.equals(pageBody(3000))).toBe(true);
  });

  it('faults that break a page break its compressed bytes; error bodies stay identity', async () => {
    const server = await start({ compress: 'gzip' });
    const whole = await get(`${server.url}/p?size=100001`, 'gzip');
    // Announced: the whole compressed length; sent: half of it, then the end.
    const outcome = await request(`${server.url}/x?fault=truncated&size=100001`, {
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(outcome.headers['content-encoding']).toBe('gzip');
    expect(outcome.headers['content-length']).toBe(String(whole.wire.length));
    await expect(outcome.body.arrayBuffer()).rejects.toThrow();
    const errorBody = await get(`${server.url}/x?fault=server-error`, 'gzip');
    expect(errorBody.headers['content-encoding']).toBeUndefined();
  });

  it('compresses each size once: concurrent first requests share the work, later ones reuse it', async () => {
    const pages = createCompressedPages('gzip');
    const first = pages.get(4096);
    expect(first).toBeInstanceOf(Promise);
    expect(pages.get(4096)).toBe(first);
    const done = await first;
    expect(pages.get(4096)).toBe(done);
    expect(pages.get(2 ** 30)).toBeUndefined();
  });
});

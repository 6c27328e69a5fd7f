import { constants } from 'node:http2';
import { describe, expect, it, vi } from 'vitest';
import { type FixtureServer, MALFORMED_H2_LENGTH } from '../src/index.js';
import { h2Connect, h2Get } from './h2-client.js';
import { serverPerTest } from './per-test-server.js';

const start = serverPerTest();
const { NGHTTP2_INTERNAL_ERROR, NGHTTP2_PROTOCOL_ERROR } = constants;

/** Runs `body` on one h2 session, then proves the session outlived every fault: one more request succeeds on it. */
async function onOneSession(
  server: FixtureServer,
  body: (get: (path: string) => ReturnType<typeof h2Get>) => Promise<void>,
) {
  const session = await h2Connect(server.url, server.ca);
  try {
    await body((path) => h2Get(session, path));
    const after = await h2Get(session, '/after?size=10');
    expect(after).toMatchObject({ status: 200, rstCode: 0 });
    expect(server.stats().http2Sessions).toBe(1);
  } finally {
    session.close();
  }
}

describe('faults over HTTP/2: per stream, the session lives on', () => {
  it('reset-before-headers: RST_STREAM INTERNAL_ERROR, no head', async () => {
    const server = await start({ tls: true, http2: true });
    await onOneSession(server, async (get) => {
      const outcome = await get('/x?fault=reset-before-headers');
      expect(outcome).toMatchObject({ status: undefined, rstCode: NGHTTP2_INTERNAL_ERROR });
      expect(outcome.body.length).toBe(0);
    });
  });

  it('reset-mid-body: the head with the full length, half of the body, then RST_STREAM INTERNAL_ERROR', async () => {
    const server = await start({ tls: true, http2: true });
    await onOneSession(server, async (get) => {
      const outcome = await get('/x?fault=reset-mid-body&size=10001&status=203');
      expect(outcome).toMatchObject({ status: 203, rstCode: NGHTTP2_INTERNAL_ERROR });
      expect(outcome.headers['content-length']).toBe('10001');
      expect(outcome.body.length).toBe(5000);
    });
  });

  it('truncated: END_STREAM short of the length; the client refuses it with PROTOCOL_ERROR', async () => {
    const server = await start({ tls: true, http2: true });
    await onOneSession(server, async (get) => {
      const outcome = await get('/x?fault=truncated&size=1000');
      expect(outcome).toMatchObject({ status: 200, rstCode: NGHTTP2_PROTOCOL_ERROR });
    });
  });

  it('malformed: a content-length that is not a number; the client refuses it with PROTOCOL_ERROR', async () => {
    const server = await start({ tls: true, http2: true });
    expect(MALFORMED_H2_LENGTH).not.toMatch(/^\d+$/);
    await onOneSession(server, async (get) => {
      const outcome = await get('/x?fault=malformed');
      expect(outcome.rstCode).toBe(NGHTTP2_PROTOCOL_ERROR);
      expect(outcome.status).toBeUndefined();
    });
  });

  it('slow-headers: one HEADERS frame after four drips, then the whole body', async () => {
    const server = await start({ tls: true, http2: true });
    await onOneSession(server, async (get) => {
      const outcome = await get('/x?fault=slow-headers&drip=40&size=70000');
      expect(outcome).toMatchObject({ status: 200, rstCode: 0 });
      expect(outcome.headersAt).toBeGreaterThanOrEqual(4 * 40 - 4);
      expect(outcome.body.length).toBe(70_000);
    });
  });

  it('slow-drip, redirect-loop, server-error, client-error behave as over HTTP/1.1', async () => {
    const server = await start({ tls: true, http2: true });
    await onOneSession(server, async (get) => {
      const drip = await get('/x?fault=slow-drip&size=4&drip=30');
      expect(drip.body.length).toBe(4);
      expect(drip.rstCode).toBe(0);
      const loop = await get('/l?fault=redirect-loop');
      expect(loop).toMatchObject({ status: 302, headers: { location: '/l?fault=redirect-loop' } });
      expect((await get('/e?fault=server-error')).status).toBe(503);
      expect((await get('/e?fault=client-error')).status).toBe(404);
    });
    expect(server.stats().faults).toMatchObject({ 'slow-drip': 1, 'redirect-loop': 1, 'server-error': 1 });
  });

  it('hang and endless hold their stream only; close() still ends them at once', async () => {
    const server = await start({ tls: true, http2: true });
    const session = await h2Connect(server.url, server.ca);
    session.on('error', () => undefined);
    const hanging = h2Get(session, '/h?fault=hang');
    const endless = h2Get(session, '/e?fault=endless');
    await vi.waitFor(() => expect(server.stats().inFlight).toBe(2));
    const other = await h2Get(session, '/ok?size=5');
    expect(other).toMatchObject({ status: 200, rstCode: 0 });
    await server.close();
    const [hung, streamed] = await Promise.all([hanging, endless]);
    expect(hung.status).toBeUndefined();
    expect(streamed.body.length).toBeGreaterThan(0);
    expect(server.stats()).toMatchObject({ inFlight: 0, openConnections: 0, requests: 3, http2Streams: 3 });
    session.destroy();
  });
});

import { request } from 'undici';
import { describe, expect, it, vi } from 'vitest';
import { type FixtureServer, MALFORMED_RESPONSE } from '../src/index.js';
import { serverPerTest } from './per-test-server.js';
import { rawGet, splitResponse } from './raw-client.js';

const start = serverPerTest();

/** Every faulted request is counted once and leaves the in-flight gauge once its socket is gone. */
async function expectSettled(fixture: FixtureServer, requests: number): Promise<void> {
  await vi.waitFor(() => expect(fixture.stats()).toMatchObject({ requests, inFlight: 0 }));
}

describe('connection faults', () => {
  it('reset-before-headers: an RST after the request, not a single response byte', async () => {
    const fixture = await start();
    const outcome = await rawGet(fixture.port, '/x?fault=reset-before-headers&size=5000');
    expect(outcome.error).toBe('ECONNRESET');
    expect(outcome.data.length).toBe(0);
    expect(outcome.fin).toBe(false);
    await expect(request(`${fixture.url}/y?fault=reset-before-headers`)).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    await expectSettled(fixture, 2);
    expect(fixture.stats().faults['reset-before-headers']).toBe(2);
  });

  it('reset-mid-body: full Content-Length, half of the body, then an RST', async () => {
    const fixture = await start();
    const outcome = await rawGet(fixture.port, '/x?fault=reset-mid-body&size=10001&status=203');
    const { statusLine, headers, body } = splitResponse(outcome.data);
    expect(statusLine).toBe('HTTP/1.1 203 Non-Authoritative Information');
    expect(headers['content-length']).toBe('10001');
    expect(body.length).toBe(5000);
    expect(outcome.error).toBe('ECONNRESET');
    expect(outcome.fin).toBe(false);
    await expectSettled(fixture, 1);
  });

  it('reset-mid-body with a body larger than the socket buffers still sends about half', async () => {
    const fixture = await start();
    const outcome = await rawGet(fixture.port, '/x?fault=reset-mid-body&size=4000000');
    const { headers, body } = splitResponse(outcome.data);
    expect(headers['content-length']).toBe('4000000');
    expect(body.length).toBe(2_000_000);
    expect(outcome.error).toBe('ECONNRESET');
  });

  it('hang: no byte at all, the socket stays open, and close() still resolves promptly', async () => {
    const fixture = await start();
    const pending = rawGet(fixture.port, '/x?fault=hang', { waitMs: 10_000 });
    // From the moment the request is in, 300 ms of silence.
    await vi.waitFor(() => expect(fixture.stats().inFlight).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fixture.stats()).toMatchObject({ requests: 1, inFlight: 1, openConnections: 1 });
    const closing = performance.now();
    await fixture.close();
    expect(performance.now() - closing).toBeLessThan(2000);
    const outcome = await pending;
    expect(outcome.data.length).toBe(0);
    // The server closed it (the client was still willing to wait), without a byte or a reset.
    expect(outcome).toMatchObject({ gaveUp: false, error: undefined });
    expect(fixture.stats()).toMatchObject({ inFlight: 0, openConnections: 0 });
  });

  it('hang: a client that gives up frees the in-flight slot', async () => {
    const fixture = await start();
    await expect(request(`${fixture.url}/x?fault=hang`, { headersTimeout: 200 })).rejects.toMatchObject({
      code: 'UND_ERR_HEADERS_TIMEOUT',
    });
    await expectSettled(fixture, 1);
    expect(fixture.stats().faults.hang).toBe(1);
  });

  it('malformed: exactly the invalid bytes, then a FIN; an HTTP client rejects them', async () => {
    const fixture = await start();
    const outcome = await rawGet(fixture.port, '/x?fault=malformed');
    expect(outcome.data.equals(MALFORMED_RESPONSE)).toBe(true);
    expect(outcome.data.toString('latin1')).toBe('HTTP/1.1 abc\r\n\r\n');
    expect(outcome.fin).toBe(true);
    expect(outcome.error).toBeUndefined();
    await expect(request(`${fixture.url}/y?fault=malformed`)).rejects.toThrow(/invalid status code/i);
    await expectSettled(fixture, 2);
    expect(fixture.stats().faults.malformed).toBe(2);
  });

  it('latency still applies before a fault', async () => {
    const fixture = await start();
    const outcome = await rawGet(fixture.port, '/x?fault=reset-before-headers&latency=150');
    expect(outcome.error).toBe('ECONNRESET');
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(140);
  });

  it('close() ends every kind of open fault at once: hanging, dripping, endless, slow headers', async () => {
    const fixture = await start();
    const paths = [
      '/a?fault=hang',
      '/b?fault=slow-drip&size=1000&drip=1000',
      '/c?fault=endless',
      '/d?fault=slow-headers&drip=5000',
    ];
    const pending = paths.map((path) => rawGet(fixture.port, path, { waitMs: 20_000 }));
    await vi.waitFor(() => expect(fixture.stats().inFlight).toBe(4));
    const closing = performance.now();
    await fixture.close();
    expect(performance.now() - closing).toBeLessThan(2000);
    const outcomes = await Promise.all(pending);
    expect(outcomes.map((outcome) => outcome.gaveUp)).toEqual([false, false, false, false]);
    expect(fixture.stats()).toMatchObject({ requests: 4, inFlight: 0, openConnections: 0 });
  });
});

import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { describe, expect, it, vi } from 'vitest';
import { pageBody } from '../src/index.js';
import { serverPerTest } from './per-test-server.js';
import { rawGet, splitResponse } from './raw-client.js';

const start = serverPerTest();

// libuv's timer clock counts whole milliseconds, so one timer step may look up to 1 ms short on a finer clock.
const CLOCK_SLACK_MS = 2;

describe('body faults', () => {
  it('truncated: full Content-Length, half of the body, then a clean FIN (no reset)', async () => {
    const fixture = await start();
    const outcome = await rawGet(fixture.port, '/x?fault=truncated&size=100001');
    const { statusLine, headers, body } = splitResponse(outcome.data);
    expect(statusLine).toBe('HTTP/1.1 200 OK');
    expect(headers['content-length']).toBe('100001');
    expect(body.length).toBe(50_000);
    expect(outcome.fin).toBe(true);
    expect(outcome.error).toBeUndefined();
    await vi.waitFor(() => expect(fixture.stats()).toMatchObject({ requests: 1, inFlight: 0 }));
    expect(fixture.stats().faults.truncated).toBe(1);
  });

  it('slow-drip: one byte every drip ms, so the body takes at least (size - 1) * drip', async () => {
    const fixture = await start();
    const size = 6;
    const drip = 40;
    const outcome = await rawGet(fixture.port, `/x?fault=slow-drip&size=${size}&drip=${drip}`, { untilComplete: true });
    const { headers, body } = splitResponse(outcome.data);
    expect(headers['content-length']).toBe(String(size));
    // The page text, byte for byte: what a client would digest.
    expect(body.equals(pageBody(size))).toBe(true);
    // A complete response on a connection the server keeps open (keep-alive), not one cut short.
    expect(outcome).toMatchObject({ complete: true, fin: false, error: undefined });
    const first = outcome.arrivals[0]?.at ?? Number.NaN;
    const last = outcome.arrivals.at(-1)?.at ?? Number.NaN;
    expect(last).toBeGreaterThanOrEqual((size - 1) * drip - (size - 1) * CLOCK_SLACK_MS);
    expect(last - first).toBeGreaterThanOrEqual((size - 2) * drip - (size - 1) * CLOCK_SLACK_MS);
    expect(outcome.arrivals.length).toBeGreaterThan(1);
  });

  it('slow-drip with the default drip of 50 ms, through an HTTP client', async () => {
    const fixture = await start();
    const started = performance.now();
    const response = await request(`${fixture.url}/x?fault=slow-drip&size=4`);
    expect((await response.body.text()).length).toBe(4);
    expect(performance.now() - started).toBeGreaterThanOrEqual(3 * 50 - 3 * CLOCK_SLACK_MS);
  });

  it('endless: chunked, no Content-Length, and it keeps sending beyond 16 MiB', async () => {
    const fixture = await start();
    const response = await request(`${fixture.url}/x?fault=endless`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-length']).toBeUndefined();
    expect(response.headers['transfer-encoding']).toBe('chunked');
    let received = 0;
    for await (const chunk of response.body) {
      received += (chunk as Buffer).length;
      if (received > 16 * 1024 * 1024) break;
    }
    expect(received).toBeGreaterThan(16 * 1024 * 1024);
    await vi.waitFor(() => expect(fixture.stats()).toMatchObject({ requests: 1, inFlight: 0 }));
    expect(fixture.stats().faults.endless).toBe(1);
  });

  it('endless: a client that stops reading costs the server neither CPU nor memory', async () => {
    const fixture = await start();
    const socket = connect(fixture.port, '127.0.0.1');
    let received = 0;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    // Stop reading after the first bytes; from here on only backpressure keeps the server in check.
    socket.once('data', () => socket.pause());
    socket.write(`GET /x?fault=endless HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`);
    await vi.waitFor(() => expect(received).toBeGreaterThan(0));
    await sleep(200);
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().external;
    const idle = performance.eventLoopUtilization();
    await sleep(500);
    const busy = performance.eventLoopUtilization(idle).utilization;
    const growth = process.memoryUsage().heapUsed + process.memoryUsage().external - heapBefore;
    // A server writing without waiting for 'drain' would keep this process's event loop busy and its buffers growing.
    expect(busy).toBeLessThan(0.5);
    expect(growth).toBeLessThan(32 * 1024 * 1024);
    expect(fixture.stats().inFlight).toBe(1);
    // Reading again resumes the flow: the server was waiting, not stuck.
    const before = received;
    socket.resume();
    await vi.waitFor(() => expect(received).toBeGreaterThan(before + 1024 * 1024));
    socket.destroy();
    await vi.waitFor(() => expect(fixture.stats().inFlight).toBe(0));
  });

  it('endless and slow-drip end at once when the status allows no body (nothing to stream)', async () => {
    const fixture = await start();
    for (const fault of ['endless', 'slow-drip']) {
      const response = await request(`${fixture.url}/x?fault=${fault}&status=204&size=0&drip=60000`);
      expect(response.statusCode).toBe(204);
      expect((await response.body.arrayBuffer()).byteLength).toBe(0);
    }
    await vi.waitFor(() => expect(fixture.stats()).toMatchObject({ requests: 2, inFlight: 0 }));
  });

  it('slow-headers: the status line at once, then one header line every drip ms, then the body', async () => {
    const fixture = await start();
    const drip = 40;
    const outcome = await rawGet(fixture.port, `/x?fault=slow-headers&drip=${drip}&size=70000&status=201`);
    expect(outcome.data.subarray(0, outcome.arrivals[0]?.bytes).toString('latin1')).toBe('HTTP/1.1 201 Created\r\n');
    const { statusLine, headers, body } = splitResponse(outcome.data);
    expect(statusLine).toBe('HTTP/1.1 201 Created');
    expect(headers).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'content-length': '70000',
      connection: 'close',
    });
    expect(body.length).toBe(70_000);
    expect(outcome.fin).toBe(true);
    // Three header lines and the blank line each wait one drip; the body arrives only after them.
    const headEnd = outcome.data.indexOf('\r\n\r\n') + 4;
    let seen = 0;
    const bodyStart = outcome.arrivals.find((arrival) => {
      seen += arrival.bytes;
      return seen > headEnd;
    });
    expect(bodyStart?.at).toBeGreaterThanOrEqual(4 * drip - 4 * CLOCK_SLACK_MS);
    expect(outcome.arrivals.length).toBeGreaterThanOrEqual(5);
  });

  it('slow-headers: an HTTP client reads the whole response', async () => {
    const fixture = await start();
    const response = await request(`${fixture.url}/x?fault=slow-headers&drip=10&size=1234`);
    expect(response.statusCode).toBe(200);
    expect((await response.body.arrayBuffer()).byteLength).toBe(1234);
    await vi.waitFor(() => expect(fixture.stats()).toMatchObject({ requests: 1, inFlight: 0 }));
    expect(fixture.stats().faults['slow-headers']).toBe(1);
  });
});

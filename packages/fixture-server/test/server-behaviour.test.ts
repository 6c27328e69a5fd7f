import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { serverPerTest } from './per-test-server.js';

const start = serverPerTest();

async function get(url: string) {
  const response = await request(url);
  const body = Buffer.from(await response.body.arrayBuffer());
  return { status: response.statusCode, body, headers: response.headers };
}

describe('fixture server', () => {
  it('binds 127.0.0.1 on a random port', async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves the default size and status, and per-request overrides from the query', async () => {
    const server = await start({ sizeBytes: 333 });
    expect((await get(`${server.url}/a`)).body.length).toBe(333);
    const custom = await get(`${server.url}/b?size=100000&status=201`);
    expect(custom.status).toBe(201);
    expect(custom.body.length).toBe(100_000);
    expect(custom.headers['content-length']).toBe('100000');
    expect(server.stats().requests).toBe(2);
  });

  it('answers a bad query with 400 naming the parameter', async () => {
    const server = await start();
    const bad = await get(`${server.url}/?size=-1`);
    expect(bad.status).toBe(400);
    expect(bad.body.toString()).toContain('query parameter size must be an integer');
  });

  it('delays by the requested latency and counts the peak in flight', async () => {
    // Long enough that the five overlap even when a loaded machine starts them tens of milliseconds apart (at 60 ms
    // the peak was once 4 beside a full test run and other work); waiting costs no CPU.
    const server = await start({ latencyMs: 400 });
    const started = performance.now();
    await Promise.all(Array.from({ length: 5 }, (_, i) => get(`${server.url}/${i}`)));
    expect(performance.now() - started).toBeGreaterThanOrEqual(395);
    expect(server.stats()).toMatchObject({ requests: 5, inFlight: 0, maxInFlight: 5 });
    server.resetStats();
    expect(server.stats()).toMatchObject({ requests: 0, maxInFlight: 0 });
  });

  it('serves its counters on the control routes without counting them', async () => {
    const server = await start();
    await get(`${server.url}/x`);
    const stats = JSON.parse((await get(`${server.url}/__fanout/stats`)).body.toString());
    expect(stats).toMatchObject({ requests: 1, maxInFlight: 1 });
    await get(`${server.url}/__fanout/reset`);
    expect(server.stats().requests).toBe(0);
  });

  it('close() ends keep-alive connections too, and may be called twice', async () => {
    const server = await start();
    await get(`${server.url}/x`);
    await Promise.all([server.close(), server.close()]);
    expect(server.stats().openConnections).toBe(0);
    await expect(request(`${server.url}/x`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

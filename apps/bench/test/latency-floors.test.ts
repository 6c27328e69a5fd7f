import { startFixtureServer } from '@fanout/fixture-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latencyFloors } from '../src/target/latency-floors.js';

let server: Awaited<ReturnType<typeof startFixtureServer>>;
beforeAll(async () => {
  server = await startFixtureServer({ port: 0, sizeBytes: 256, latencyMs: 20 });
});
afterAll(() => server.close());

describe("a --url target's latency floor", () => {
  it('samples on four warm connections at once, one request each, every request counted', async () => {
    server.resetStats();
    const url = `${server.url}/a`;
    const floors = await latencyFloors([url], 10_000);
    const seen = server.stats();
    expect(seen.requests).toBe(floors.requests);
    // Four lanes: two warm-up requests each, then at least five samples each.
    expect(floors.requests).toBeGreaterThanOrEqual(4 * 7);
    expect(seen.maxInFlight).toBe(4);
    // The server's 20 ms timer may fire up to 1 ms early (libuv arms it from the loop's cached time).
    expect(floors.minLatencyMs[url]).toBeGreaterThanOrEqual(19);
  });

  it('keeps to the connections the run allows and to its request budget', async () => {
    server.resetStats();
    const url = `${server.url}/b`;
    const one = await latencyFloors([url], 10_000, undefined, 1);
    expect(server.stats().maxInFlight).toBe(1);
    expect(one.requests).toBe(server.stats().requests);
    server.resetStats();
    const budgeted = await latencyFloors([url], 9);
    expect(budgeted.requests).toBe(9);
    expect(server.stats().requests).toBe(9);
    expect(budgeted.minLatencyMs[url]).toBeGreaterThanOrEqual(19);
  });
});

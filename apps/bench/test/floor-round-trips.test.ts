import { describe, expect, it } from 'vitest';
import { parseRunFlags } from '../src/config.js';
import { latencyFloorMs } from '../src/model/bounds.js';
import { jobLatencies } from '../src/session/job-latencies.js';
import { externalTarget } from '../src/target/external.js';

const embedded = externalTarget([]);

describe('the latency floor over the relay', () => {
  it("adds one round trip to every job's page latency: W = 1 over N jobs is at least N × (latency + RTT)", () => {
    const config = parseRunFlags({ profile: 'seed', jobs: '100', rtt: '20' });
    const latencies = jobLatencies(config, embedded, undefined);
    // The seed's pages (80 and 50 ms) alternate, each plus the 20 ms round trip.
    expect(latencies?.slice(0, 4)).toEqual([100, 70, 100, 70]);
    expect(latencyFloorMs(latencies ?? [], 1)).toBe(50 * 100 + 50 * 70);
    expect(latencyFloorMs(latencies ?? [], 1)).toBeGreaterThanOrEqual(100 * 20);
    // At W = 16 the round trips overlap, but each lane still pays its own.
    expect(latencyFloorMs(latencies ?? [], 16)).toBeGreaterThanOrEqual(Math.ceil(100 / 16) * 70);
  });

  it('is the page latency alone without --rtt', () => {
    const config = parseRunFlags({ latency: '5', jobs: '3' });
    expect(jobLatencies(config, embedded, undefined)).toEqual([5, 5, 5]);
  });
});

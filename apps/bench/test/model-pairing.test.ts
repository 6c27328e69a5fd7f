import { describe, expect, it } from 'vitest';
import { cpuRatio, medianRate, rateRatio, summariseRounds } from '../src/model/pairing.js';
import type { CompletedRun, PeerRun } from '../src/model/schema.js';
import { completed } from './report-fixture.js';

/** A point of 100 jobs with one entry per round (mean batch ms and CPU ms per batch). */
function point(means: (number | null)[], cpu: number[] = []): CompletedRun {
  const kept = [...means].filter((ms): ms is number => ms !== null).sort((a, b) => a - b)[0] ?? 1;
  return {
    ...completed('async', 50, kept),
    rounds: means.map((ms, i) =>
      ms === null ? null : { meanBatchMs: ms, ...(cpu[i] ? { cpuMsPerBatch: cpu[i] } : {}) },
    ),
  };
}

function peer(name: string, means: (number | null)[], cpu: number[] = []): PeerRun {
  const {
    worstBatch: _w,
    latencyMs: _l,
    peakRssBytes: _p,
    startupMs: _s,
    startupRssBytes: _r,
    totals: _t,
    ...rest
  } = point(means, cpu);
  return { ...rest, strategy: name, peer: true, measures: name };
}

describe('paired ratios', () => {
  it('divides each round by the same round, so a slow minute of the machine cancels out', () => {
    // Round 2 was slow for both. Taken apart, the medians (410 and 420 ms) would say 1.02×; paired, 0.98×.
    const ratio = rateRatio(point([400, 600, 410]), [peer('undici-pool', [380, 590, 420])]);
    expect(ratio?.perRound.map((r) => r?.toFixed(3))).toEqual(['0.950', '0.983', '1.024']);
    expect(ratio?.median).toBeCloseTo(590 / 600);
    expect(ratio?.min).toBeCloseTo(380 / 400);
    expect(ratio?.max).toBeCloseTo(420 / 410);
    expect(ratio).toMatchObject({ paired: 3, parityWithinNoise: true });
  });

  it('says parity only when at least two rounds paired and their range crosses 1', () => {
    expect(rateRatio(point([400, 410]), [peer('undici-pool', [300, 310])])?.parityWithinNoise).toBe(false);
    expect(summariseRounds([1.1])?.parityWithinNoise).toBe(false);
    expect(summariseRounds([0.9, 1.1])).toMatchObject({ median: 1, parityWithinNoise: true });
    expect(summariseRounds([null, null])).toBeUndefined();
  });

  it('pairs only rounds both sides measured', () => {
    const ratio = rateRatio(point([400, null, 500]), [peer('undici-pool', [200, 300, null])]);
    expect(ratio?.perRound).toEqual([0.5, null, null]);
    expect(ratio?.paired).toBe(1);
  });

  it('takes the fastest load generator of each round', () => {
    // autocannon wins round 1, wrk round 2.
    const generators = [peer('autocannon', [100, 200]), peer('wrk', [150, 120])];
    expect(rateRatio(point([200, 240]), generators)?.perRound).toEqual([0.5, 0.5]);
  });

  it('compares CPU per request round by round, and not at all where a side did not measure it', () => {
    const ratio = cpuRatio(point([400, 400], [22, 30]), peer('undici-pool', [380, 390], [20, 20]));
    expect(ratio?.perRound.map((r) => r?.toFixed(6))).toEqual(['1.100000', '1.500000']);
    expect(ratio?.median).toBeCloseTo(1.3);
    expect(cpuRatio(point([400, 400], [22, 30]), peer('undici-pool', [380, 390]))).toBeUndefined();
  });

  it('treats a single-round record as its own one round, over its median batch when both have one', () => {
    const a = { ...completed('async', 50, 500), medianBatchMs: 400 };
    const b = { ...peer('undici-pool', [400]), rounds: undefined, meanBatchMs: 400, medianBatchMs: 400 } as PeerRun;
    expect(rateRatio(a, [b])).toMatchObject({ perRound: [1], median: 1, paired: 1, parityWithinNoise: false });
    expect(medianRate(a)).toBe(250);
    // Without a median on one side, both use their means.
    const { medianBatchMs: _, ...older } = a;
    expect(rateRatio(older, [b])?.median).toBe(0.8);
  });
});

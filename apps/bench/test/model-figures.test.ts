import { describe, expect, it } from 'vitest';
import { capacityEstimateMs, efficiencyAgainst, latencyFloorMs } from '../src/model/bounds.js';
import { annotatePeers, annotateRuns } from '../src/model/figures.js';
import { findKnee } from '../src/model/knee.js';
import { type Calibration, isSkipped } from '../src/model/schema.js';
import { calibrated, completed, skipped } from './report-fixture.js';

/** The best makespan of `latencies` on `lanes`, by trying every assignment: the truth a floor must not exceed. */
function optimum(latencies: readonly number[], lanes: number): number {
  let best = Number.POSITIVE_INFINITY;
  const loads = Array<number>(lanes).fill(0);
  const place = (i: number) => {
    if (i === latencies.length) {
      best = Math.min(best, Math.max(...loads));
      return;
    }
    for (let lane = 0; lane < lanes; lane++) {
      loads[lane] = (loads[lane] as number) + (latencies[i] as number);
      place(i + 1);
      loads[lane] = (loads[lane] as number) - (latencies[i] as number);
      if (loads[lane] === 0) break; // empty lanes are interchangeable
    }
  };
  place(0);
  return best;
}

/** A small deterministic generator, so a failing case can be replayed. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

describe('latencyFloorMs', () => {
  it('is exact for identical latencies: ceil(n ÷ W) rounds', () => {
    expect(latencyFloorMs(Array<number>(500).fill(50), 100)).toBe(250);
    expect(latencyFloorMs(Array<number>(100).fill(5), 3)).toBe(170);
    expect(latencyFloorMs(Array<number>(7).fill(10), 1)).toBe(70);
  });

  it('sits at or above max(max l, Σl ÷ W) and never above the best schedule (random small job lists)', () => {
    const random = lcg(42);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(random() * 7);
      const lanes = 1 + Math.floor(random() * 4);
      const latencies = Array.from({ length: n }, () => 1 + Math.floor(random() * 100));
      const floor = latencyFloorMs(latencies, lanes);
      const simple = Math.max(...latencies, latencies.reduce((a, b) => a + b, 0) / lanes);
      expect(floor).toBeGreaterThanOrEqual(simple);
      expect(floor).toBeLessThanOrEqual(optimum(latencies, lanes));
    }
  });

  it('beats the mean-latency estimate for mixed pages: 3 jobs of 80, 50, 80 ms on 2 lanes take 130 ms', () => {
    // The old ideal, ceil(3 ÷ 2) × mean 70 ms, said 140 for 80/50/80 but 130 for 50/80/50, below the truth of 130.
    expect(latencyFloorMs([80, 50, 80], 2)).toBe(130);
    expect(latencyFloorMs([80, 80, 80], 2)).toBe(160);
  });
});

describe('capacity estimate and efficiency', () => {
  it('is jobs ÷ rate, and none without a rate', () => {
    expect(capacityEstimateMs(200, 1000)).toBe(200);
    expect(capacityEstimateMs(200, undefined)).toBeUndefined();
    expect(capacityEstimateMs(200, 0)).toBeUndefined();
  });

  it('is stored uncapped (above 1 is a broken bound or a beaten estimate, said by the renderers), null without a reference', () => {
    expect(efficiencyAgainst(100, 200)).toBe(0.5);
    expect(efficiencyAgainst(300, 200)).toBe(1.5);
    expect(efficiencyAgainst(null, 200)).toBeNull();
    expect(efficiencyAgainst(100, 0)).toBeNull();
  });
});

describe('findKnee', () => {
  const point = (concurrency: number, meanMs: number, rme: number | null = 2) => ({ concurrency, meanMs, rme });

  it('is the smallest W whose next point gains no more than the two margins of error', () => {
    // 110 → 105 gains 5 ms against margins of 2.2 + 2.1 ms (still a gain); 105 → 104 is noise.
    expect(findKnee([point(1, 1000), point(10, 110), point(50, 105), point(100, 104)])).toBe(50);
    expect(findKnee([point(1, 1000), point(10, 110, 10), point(50, 105, 10)])).toBe(10);
  });

  it('says "none" when the curve still falls at the last W, or there is one point', () => {
    expect(findKnee([point(1, 1000), point(10, 100), point(50, 20)])).toBe('none');
    expect(findKnee([point(1, 1000)])).toBe('none');
  });

  it('says "unknown" when a point before the knee has unknown spread', () => {
    expect(findKnee([point(1, 1000, null), point(10, 100)])).toBe('unknown');
  });

  it('is never a W whose next point is clearly faster (random falling curves)', () => {
    const random = lcg(7);
    for (let trial = 0; trial < 200; trial++) {
      let ms = 1000;
      const curve = [1, 2, 4, 8, 16, 32].map((w) => {
        ms *= 0.3 + random() * 0.75;
        return point(w, ms, random() * 10);
      });
      const knee = findKnee(curve);
      if (typeof knee !== 'number') continue;
      const i = curve.findIndex((p) => p.concurrency === knee);
      const [here, next] = [curve[i], curve[i + 1]];
      if (!here || !next) throw new Error('knee must have a next point');
      expect(here.meanMs - next.meanMs).toBeLessThanOrEqual(
        (here.meanMs * (here.rme ?? 0)) / 100 + (next.meanMs * (next.rme ?? 0)) / 100,
      );
    }
  });
});

describe('annotateRuns and annotatePeers', () => {
  // Best round 1000 req/s: the capacity estimate for 100 jobs is 100 ms (the median, 900, is not what it uses).
  const calibration: Calibration = calibrated(1000);
  const inputs = { jobLatenciesMs: Array<number>(100).fill(5), calibration };

  it('stores the floor, the estimate, CPU per request and the uncapped efficiency against each', () => {
    const runs = annotateRuns(
      [completed('async', 1, 600), completed('async', 10, 40), skipped('async', 50, 'no')],
      inputs,
    );
    const [w1, w10, w50] = runs;
    if (!w1 || !w10 || !w50 || isSkipped(w1) || isSkipped(w10)) throw new Error('completed runs expected');
    expect(w1).toMatchObject({
      latencyFloorMs: 500,
      capacityEstimateMs: 100,
      efficiency: { latency: 500 / 600, capacity: 100 / 600 },
      // 12.5 ms of CPU per batch of 100 jobs.
      cpuUsPerRequest: 125,
    });
    // 40 ms is below the 50 ms latency floor (a broken bound) and beats the 100 ms estimate: both stored as they are.
    expect(w10.efficiency).toEqual({ latency: 1.25, capacity: 2.5 });
    expect(w10).not.toHaveProperty('calibrationWarning');
    expect(w10.speedup).toBe(15);
    expect(w50).toEqual(skipped('async', 50, 'no'));
  });

  it('gives the peers the same references at their W, and CPU per request where they measured it', () => {
    const peer = {
      strategy: 'undici-pool',
      concurrency: 10,
      jobs: 100,
      peer: true as const,
      measures: 'bare dispatch loop',
      meanBatchMs: 40,
      minMs: 40,
      maxMs: 40,
      rme: 1,
      samples: 5,
      requestsPerSecond: 2500,
    };
    const [withCpu, withoutCpu, missing] = annotatePeers(
      [{ ...peer, cpuMsPerBatch: 2 }, peer, { ...peer, strategy: 'wrk', skipped: 'not installed' }],
      inputs,
    );
    expect(withCpu).toMatchObject({ latencyFloorMs: 50, capacityEstimateMs: 100, cpuUsPerRequest: 20 });
    expect(withCpu).toMatchObject({ efficiency: { latency: 1.25, capacity: 2.5 } });
    expect(withoutCpu).not.toHaveProperty('cpuUsPerRequest');
    expect(missing).toEqual({ ...peer, strategy: 'wrk', skipped: 'not installed' });
  });

  it('gives every point its speed over the sequential baseline, and none without a baseline', () => {
    const runs = [completed('sequential', 1, 600), completed('thread-pool', 2, 300), completed('async', 2, 590)];
    const annotated = annotateRuns(runs, { jobLatenciesMs: null, calibration: undefined });
    const over = annotated.map((run) => (isSkipped(run) ? undefined : run.overBaseline));
    expect(over).toEqual([1, 2, 600 / 590]);
    const alone = annotateRuns([completed('async', 2, 590)], { jobLatenciesMs: null, calibration: undefined });
    expect(alone.map((run) => (isSkipped(run) ? undefined : run.overBaseline))).toEqual([undefined]);
  });

  it('has no references without latencies or calibration (an uncalibrated --url target)', () => {
    const [run] = annotateRuns([completed('async', 10, 40)], { jobLatenciesMs: null, calibration: undefined });
    if (!run || isSkipped(run)) throw new Error('completed run expected');
    expect(run).toMatchObject({ latencyFloorMs: null, capacityEstimateMs: null });
    expect(run.efficiency).toEqual({ latency: null, capacity: null });
  });
});

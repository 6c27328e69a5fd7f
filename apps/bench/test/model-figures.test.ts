import { describe, expect, it } from 'vitest';
import { capacityFloorMs, efficiencyAgainst, latencyFloorMs } from '../src/model/bounds.js';
import { annotateRuns } from '../src/model/figures.js';
import { findKnee } from '../src/model/knee.js';
import { migrateReport } from '../src/model/migrate.js';
import { type Calibration, type CompletedRun, isSkipped, reportSchema } from '../src/model/schema.js';
import { completed, makeReport, skipped } from './report-fixture.js';

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

describe('capacity floor and efficiency', () => {
  it('is jobs ÷ rate, and none without a rate', () => {
    expect(capacityFloorMs(200, 1000)).toBe(200);
    expect(capacityFloorMs(200, undefined)).toBeUndefined();
    expect(capacityFloorMs(200, 0)).toBeUndefined();
  });

  it('is capped at 100% and null without a bound', () => {
    expect(efficiencyAgainst(100, 200)).toBe(0.5);
    expect(efficiencyAgainst(300, 200)).toBe(1);
    expect(efficiencyAgainst(null, 200)).toBeNull();
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

describe('annotateRuns', () => {
  const calibration: Calibration = {
    capacityRps: { median: 950, min: 900, max: 1000 },
    connections: 64,
    rounds: 3,
    minLatencyMs: {},
    durationMs: 2000,
  };

  it('stores both floors and efficiencies, never 100% by construction, and warns when a point beats a floor', () => {
    const runs = annotateRuns([completed('async', 1, 600), completed('async', 10, 40), skipped('async', 50, 'no')], {
      jobLatenciesMs: Array<number>(100).fill(5),
      calibration,
    });
    const [w1, w10, w50] = runs;
    if (!w1 || !w10 || !w50 || isSkipped(w1) || isSkipped(w10)) throw new Error('completed runs expected');
    expect(w1.bounds).toEqual({ latencyFloorMs: 500, capacityFloorMs: 100 });
    expect(w1.efficiency).toEqual({ latency: 500 / 600, capacity: 100 / 600 });
    expect(w1.calibrationWarning).toBeUndefined();
    // 40 ms beats the 100 ms capacity floor (and the 50 ms latency floor): capped, and said.
    expect(w10.efficiency).toEqual({ latency: 1, capacity: 1 });
    expect(w10.calibrationWarning).toMatch(/capacity floor 100\.0 ms/);
    expect(w10.speedup).toBe(15);
    expect(w50).toEqual(skipped('async', 50, 'no'));
  });

  it('gives every point its speed over the sequential baseline, and none without a baseline', () => {
    const runs = [completed('sequential', 1, 600), completed('thread-pool', 2, 300), completed('async', 2, 590)];
    const annotated = annotateRuns(runs, { jobLatenciesMs: null, calibration: undefined });
    const over = annotated.map((run) => (isSkipped(run) ? undefined : run.overBaseline));
    expect(over).toEqual([1, 2, 600 / 590]);
    const alone = annotateRuns([completed('async', 2, 590)], { jobLatenciesMs: null, calibration: undefined });
    expect(alone.map((run) => (isSkipped(run) ? undefined : run.overBaseline))).toEqual([undefined]);
  });

  it('has no bounds without latencies or calibration (an uncalibrated --url target)', () => {
    const [run] = annotateRuns([completed('async', 10, 40)], { jobLatenciesMs: null, calibration: undefined });
    if (!run || isSkipped(run)) throw new Error('completed run expected');
    expect(run.bounds).toEqual({ latencyFloorMs: null, capacityFloorMs: null });
    expect(run.efficiency).toEqual({ latency: null, capacity: null });
  });
});

describe('migrateReport', () => {
  it('reads a version 1 report: unknown spread for one batch, v1 bounds and knee dropped', () => {
    const v2 = makeReport([
      { ...completed('async', 1, 600), samples: 1, rme: null },
      skipped('sequential', 10, 'one at a time'),
    ]);
    const v1 = {
      ...v2,
      schemaVersion: 1,
      capacityRps: 5000,
      settings: { ...v2.settings, iterations: 5 },
      runs: [
        {
          ...withoutV2Names(completed('async', 1, 600)),
          succeeded: 100,
          failed: 0,
          bytes: 100_000,
          errors: {},
          wallMs: 600,
          samples: 1,
          rme: 0,
          idealMs: 500,
          efficiency: 0.83,
          knee: 1,
        },
        skipped('sequential', 10, 'one at a time'),
      ],
    };
    expect(reportSchema.parse(migrateReport(v1))).toEqual(v2);
  });
});

function withoutV2Names(run: CompletedRun): Omit<CompletedRun, 'meanBatchMs' | 'worstBatch'> {
  const { meanBatchMs: _mean, worstBatch: _worst, ...rest } = run;
  return rest;
}

import { describe, expect, it } from 'vitest';
import { analyseSweep, sweepOf } from '../src/report/sweep.js';
import { completed, makeReport, skipped } from './report-fixture.js';

describe('analyseSweep', () => {
  it('bounds each point by ceil(jobs / W) rounds of the latency and rates it against that', () => {
    const { perRun } = analyseSweep([completed('async', 1, 600), completed('async', 3, 200)], 5, 100, 10_000);
    expect(perRun.get('async@1')).toEqual({ idealMs: 500, efficiency: 500 / 600, speedup: 1 });
    // 100 jobs on 3 slots need 34 rounds, not 33.3.
    expect(perRun.get('async@3')).toEqual({ idealMs: 170, efficiency: 170 / 200, speedup: 3 });
  });

  it('floors the bound at the capacity: the probe, or the best req/s any point reached', () => {
    // 100 jobs in 200 ms is 500 req/s: no point can beat 200 ms, whatever the latency bound says.
    const { perRun } = analyseSweep([completed('async', 1, 600), completed('async', 3, 200)], 5, 100);
    expect(perRun.get('async@3')).toEqual({ idealMs: 200, efficiency: 1, speedup: 3 });
    // A probe faster than any point raises the floor: 100 jobs at 1000 req/s take 100 ms at best.
    const probed = analyseSweep([completed('async', 3, 400)], 0, 100, 1000);
    expect(probed.perRun.get('async@3')).toMatchObject({ idealMs: 100, efficiency: 0.25 });
  });

  it('without latency the capacity is the only bound; no speed-up without a W = 1 run', () => {
    const { perRun } = analyseSweep([completed('async', 4, 80)], 0, 100);
    expect(perRun.get('async@4')).toEqual({ idealMs: 80, efficiency: 1, speedup: undefined });
    expect(analyseSweep([skipped('async', 4, 'no')], 0, 100).perRun.size).toBe(0);
  });

  it('puts the knee at the smallest W within 10% of the best time, per strategy', () => {
    const runs = [
      completed('a', 1, 1000),
      completed('a', 10, 109),
      completed('a', 50, 100),
      completed('b', 1, 1000),
      completed('b', 10, 111),
      completed('b', 50, 100),
      completed('c', 1, 1000),
      completed('c', 10, 100),
      completed('c', 50, 300),
    ];
    const { knees } = analyseSweep(runs, 5, 100);
    expect(Object.fromEntries(knees)).toEqual({ a: 10, b: 50, c: 10 });
  });

  it('ignores skipped runs', () => {
    const { perRun, knees } = analyseSweep([skipped('s', 10, 'no'), completed('s', 1, 500)], 5, 100);
    expect([...perRun.keys()]).toEqual(['s@1']);
    expect(knees.get('s')).toBe(1);
  });
});

describe('sweepOf', () => {
  it('prefers figures the report already stores over computing them', () => {
    const report = makeReport([completed('async', 1, 600), completed('async', 10, 100)]);
    // Spread after parsing: this version's schema would strip the fields a newer one keeps.
    const stored = { idealMs: 42, efficiency: 0.5, speedup: 7, knee: 1 };
    const sweep = sweepOf({
      ...report,
      runs: [completed('async', 1, 600), { ...completed('async', 10, 100), ...stored }],
    });
    expect(sweep.perRun.get('async@10')).toEqual({ idealMs: 42, efficiency: 0.5, speedup: 7 });
    expect(sweep.perRun.get('async@1')).toEqual({ idealMs: 500, efficiency: 500 / 600, speedup: 1 });
    expect(sweep.knees.get('async')).toBe(1);
    expect(sweepOf(report).knees.get('async')).toBe(10);
  });
});

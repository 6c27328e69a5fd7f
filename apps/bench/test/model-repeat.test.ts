import { describe, expect, it } from 'vitest';
import { medianRounds, roundSpread } from '../src/model/repeat.js';
import type { MeasuredRecord, PeerRecord } from '../src/model/schema.js';
import { completed, skipped } from './report-fixture.js';

describe('medianRounds', () => {
  it('keeps one round as it is', () => {
    const round = [completed('async', 50, 400), skipped('sequential', 50, 'limit')];
    expect(medianRounds([round])).toEqual(round);
    expect(medianRounds([])).toEqual([]);
  });

  it('keeps each point from its median round, in the first round order, with every round by index', () => {
    const rounds = [
      [completed('async', 50, 700), completed('fetch', 50, 2000)],
      [completed('async', 50, 400), completed('fetch', 50, 2600)],
      [completed('async', 50, 450), completed('fetch', 50, 2100)],
    ];
    const merged = medianRounds(rounds);
    expect(merged.map((run) => [run.strategy, 'meanBatchMs' in run ? run.meanBatchMs : undefined])).toEqual([
      ['async', 450],
      ['fetch', 2100],
    ]);
    // Every round keeps its mean and CPU per batch, so ratios can be paired by round.
    expect(merged[0]).toMatchObject({
      rounds: [
        { meanBatchMs: 700, cpuMsPerBatch: 12.5 },
        { meanBatchMs: 400, cpuMsPerBatch: 12.5 },
        { meanBatchMs: 450, cpuMsPerBatch: 12.5 },
      ],
    });
    // Even counts take the lower middle: a round that measured, never an average of two.
    expect(medianRounds(rounds.slice(0, 2))[0]).toMatchObject({ meanBatchMs: 400 });
  });

  it('keeps the round index: a round that did not measure a point is null, and a skip stays only when none measured', () => {
    const merged = medianRounds([
      [skipped('async', 50, 'interrupted'), skipped('sequential', 50, 'limit')],
      [completed('async', 50, 420), skipped('sequential', 50, 'limit')],
      [skipped('sequential', 50, 'limit')],
    ]);
    expect(merged[0]).toMatchObject({ strategy: 'async', meanBatchMs: 420 });
    expect((merged[0] as MeasuredRecord).rounds?.map((round) => round?.meanBatchMs ?? null)).toEqual([null, 420, null]);
    expect(merged[1]).toEqual(skipped('sequential', 50, 'limit'));
  });

  it('merges peers the same way, with their medians', () => {
    const peer = (ms: number): PeerRecord => ({
      strategy: 'undici-pool',
      concurrency: 50,
      jobs: 100,
      peer: true,
      measures: 'bare Pool',
      meanBatchMs: ms,
      medianBatchMs: ms - 1,
      minMs: ms,
      maxMs: ms,
      rme: 0,
      samples: 5,
      requestsPerSecond: 100_000 / ms,
    });
    const [merged] = medianRounds([[peer(380)], [peer(500)], [peer(360)]]);
    expect(merged).toMatchObject({ meanBatchMs: 380 });
    expect((merged as MeasuredRecord).rounds?.map((round) => round?.medianBatchMs)).toEqual([379, 499, 359]);
  });
});

describe('roundSpread', () => {
  it("is the fastest and slowest round's mean, and their range against the kept round; none for one round", () => {
    const [merged] = medianRounds([
      [completed('async', 50, 400)],
      [completed('async', 50, 500)],
      [completed('async', 50, 450)],
    ]);
    expect(roundSpread(merged as MeasuredRecord)).toEqual({ minMs: 400, maxMs: 500, relative: 100 / 450 });
    expect(roundSpread(completed('async', 50, 400))).toBeUndefined();
  });
});

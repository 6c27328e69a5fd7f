import { describe, expect, it } from 'vitest';
import { medianRounds } from '../src/model/repeat.js';
import type { PeerRecord } from '../src/model/schema.js';
import { completed, skipped } from './report-fixture.js';

describe('medianRounds', () => {
  it('keeps one round as it is', () => {
    const round = [completed('async', 50, 400), skipped('sequential', 50, 'limit')];
    expect(medianRounds([round])).toEqual(round);
    expect(medianRounds([])).toEqual([]);
  });

  it('keeps each point from its median round, in the first round order, with every round listed', () => {
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
    expect(merged[0]).toMatchObject({ roundsMs: [700, 400, 450] });
    // Even counts take the lower middle: a repetition that measured, never an average of two.
    expect(medianRounds(rounds.slice(0, 2))[0]).toMatchObject({ meanBatchMs: 400, roundsMs: [700, 400] });
  });

  it('prefers a round that measured over one that did not, and keeps a skip only when no round measured', () => {
    const merged = medianRounds([
      [skipped('async', 50, 'interrupted'), skipped('sequential', 50, 'limit')],
      [completed('async', 50, 420), skipped('sequential', 50, 'limit')],
    ]);
    expect(merged[0]).toMatchObject({ strategy: 'async', meanBatchMs: 420 });
    expect(merged[0]).not.toHaveProperty('roundsMs');
    expect(merged[1]).toEqual(skipped('sequential', 50, 'limit'));
  });

  it('merges peers the same way', () => {
    const peer = (ms: number): PeerRecord => ({
      strategy: 'undici-pool',
      concurrency: 50,
      jobs: 100,
      peer: true,
      measures: 'bare Pool',
      meanBatchMs: ms,
      minMs: ms,
      maxMs: ms,
      rme: 0,
      samples: 5,
      requestsPerSecond: 100_000 / ms,
    });
    expect(medianRounds([[peer(380)], [peer(500)], [peer(360)]])[0]).toMatchObject({
      meanBatchMs: 380,
      roundsMs: [380, 500, 360],
    });
  });
});

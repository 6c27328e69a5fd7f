import { describe, expect, it } from 'vitest';
import { chunkRule, describeChunks, MAX_CHUNK, spread } from '../src/index.js';

describe('pool layout: W in flight spread over workers, jobs in chunks', () => {
  it('spreads W over the workers exactly, near-equally, for every W and worker count', () => {
    for (let total = 1; total <= 300; total++) {
      for (let parts = 1; parts <= Math.min(total, 9); parts++) {
        const lanes = spread(total, parts);
        expect(lanes).toHaveLength(parts);
        expect(lanes.reduce((sum, lane) => sum + lane, 0)).toBe(total);
        expect(Math.max(...lanes) - Math.min(...lanes)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('sends at least 4 × lanes (or two chunks per worker) and at most MAX_CHUNK jobs a message, never fewer than one', () => {
    for (const workers of [1, 2, 7]) {
      for (const lanes of [1, 25, 500]) {
        const size = chunkRule(workers, lanes);
        for (const jobs of [1, 10, 200, 20_000]) {
          const evenShare = workers > 1 ? Math.ceil(jobs / (2 * workers)) : Number.POSITIVE_INFINITY;
          expect(size(jobs)).toBeGreaterThanOrEqual(Math.max(1, Math.min(4 * lanes, MAX_CHUNK, evenShare)));
          expect(size(jobs)).toBeLessThanOrEqual(MAX_CHUNK);
        }
      }
    }
    expect(describeChunks(1, 50)).toBe('chunks of max(200, jobs ÷ 4) ≤ 1024 jobs');
    expect(describeChunks(2, 25)).toBe(
      'chunks of max(100, jobs ÷ 8), at most max(jobs ÷ 4, min(25, jobs ÷ 2)) ≤ 1024 jobs',
    );
  });

  it('gives every worker at least two chunks of a small batch, so they can share it evenly', () => {
    // 24 cpu jobs on 2 processes with 2 in flight each: 4 chunks of 6, not 3 chunks of 8.
    expect(chunkRule(2, 2)(24)).toBe(6);
    expect(chunkRule(2, 4)(24)).toBe(6);
    // Large batches are unchanged: the 4 × lanes floor or MAX_CHUNK decide.
    expect(chunkRule(2, 25)(20_000)).toBe(MAX_CHUNK);
    expect(chunkRule(2, 2)(40)).toBe(8);
    // One worker has nothing to share.
    expect(chunkRule(1, 50)(200)).toBe(200);
  });

  it('never holds a worker below its lanes: one chunk per worker is out at a time', () => {
    // The seed's 200 jobs at W = 500 on two processes (250 lanes each): two chunks of 100, all 200 in flight
    // (chunks of 50 had run 100 in flight); at W = 100 (50 lanes each), four chunks of 50.
    expect(chunkRule(2, 250)(200)).toBe(100);
    expect(chunkRule(2, 50)(200)).toBe(50);
    expect(chunkRule(2, 50)(100)).toBe(50);
    for (const workers of [2, 3, 7]) {
      for (const lanes of [1, 2, 25, 50, 250]) {
        for (const jobs of [1, 24, 100, 200, 20_000]) {
          // Every worker's one chunk keeps all its lanes busy, or takes its whole share of the batch.
          expect(chunkRule(workers, lanes)(jobs)).toBeGreaterThanOrEqual(
            Math.min(lanes, Math.ceil(jobs / workers), MAX_CHUNK),
          );
        }
      }
    }
  });
});

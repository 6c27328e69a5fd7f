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
    expect(describeChunks(2, 25)).toBe('chunks of max(100, jobs ÷ 8), at most jobs ÷ 4 ≤ 1024 jobs');
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
});

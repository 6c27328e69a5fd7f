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

  it('sends at least 4 × lanes and at most MAX_CHUNK jobs a message, never fewer than one', () => {
    for (const workers of [1, 2, 7]) {
      for (const lanes of [1, 25, 500]) {
        const size = chunkRule(workers, lanes);
        for (const jobs of [1, 10, 200, 20_000]) {
          expect(size(jobs)).toBeGreaterThanOrEqual(Math.min(4 * lanes, MAX_CHUNK));
          expect(size(jobs)).toBeLessThanOrEqual(MAX_CHUNK);
        }
      }
    }
    expect(describeChunks(2, 25)).toBe('chunks of max(100, jobs ÷ 8) ≤ 1024 jobs');
  });
});

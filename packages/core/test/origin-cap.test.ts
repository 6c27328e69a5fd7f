import { describe, expect, it } from 'vitest';
import { originCapRefusal, originShares, spread } from '../src/index.js';

describe('per-origin cap shared by the workers of a pool', () => {
  it('never gives the workers together more than the cap, nor a worker more than its lanes or less than one', () => {
    // Plain checks collected, one expect at the end: 30,000 cases.
    const wrong: string[] = [];
    for (let total = 1; total <= 60; total++) {
      for (let workers = 1; workers <= Math.min(total, 8); workers++) {
        const lanes = spread(total, workers);
        for (let cap = 1; cap <= 70; cap++) {
          const shares = originShares(lanes, cap);
          const label = `W=${total} workers=${workers} cap=${cap}: ${JSON.stringify(shares)}`;
          if (workers > cap) {
            if (shares !== undefined) wrong.push(label);
            continue;
          }
          const sum = (shares ?? []).reduce((a, b) => a + b, 0);
          // The cap is used in full where the lanes allow it: min(W, cap) connections per origin in all.
          if (shares?.length !== workers || sum !== Math.min(total, cap)) wrong.push(label);
          if (shares?.some((share, index) => share < 1 || share > (lanes[index] as number))) wrong.push(label);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses with UNSUPPORTED naming the workers and the cap', () => {
    expect(originCapRefusal('thread-pool', 8, 6)).toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringMatching(/8 workers.*maxPerOrigin 6/),
    });
  });
});

import { describe, expect, it } from 'vitest';
import { originCapRefusal, originShares, sharedOriginShare, spread } from '../src/index.js';

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

  it('gives workers that take any chunk one share: the widest lanes under a cap of at least W, else an equal part', () => {
    const wrong: string[] = [];
    for (let total = 1; total <= 60; total++) {
      for (let workers = 1; workers <= Math.min(total, 8); workers++) {
        const lanes = spread(total, workers);
        const widest = Math.max(...lanes);
        for (let cap = 1; cap <= 70; cap++) {
          const share = sharedOriginShare(lanes, cap);
          const label = `W=${total} workers=${workers} cap=${cap}: ${share}`;
          if (workers > cap) {
            if (share !== undefined) wrong.push(label);
          } else if (share === undefined || share < 1 || share > widest) {
            wrong.push(label);
          } else if (cap >= total ? share !== widest : share * workers > cap) {
            // Under a cap below W every worker may hold `share` connections to the same origin at once.
            wrong.push(label);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(sharedOriginShare([3, 2], 5)).toBe(3);
    expect(sharedOriginShare([3, 2], 4)).toBe(2);
    expect(sharedOriginShare([1, 1, 1], 2)).toBeUndefined();
  });

  it('refuses with UNSUPPORTED naming the workers and the cap', () => {
    expect(originCapRefusal('thread-pool', 8, 6)).toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringMatching(/8 workers.*maxPerOrigin 6/),
    });
  });
});

import { describe, expect, it } from 'vitest';
import { mapBounded } from '../src/bounded.js';

describe('mapBounded', () => {
  for (const [items, limit] of [
    [0, 3],
    [1, 1],
    [10, 1],
    [10, 3],
    [10, 10],
    [10, 50],
    [257, 16],
  ] as const) {
    it(`runs ${items} items with at most ${limit} in flight, results in item order, each reported as it finishes`, async () => {
      let inFlight = 0;
      let peak = 0;
      const input = Array.from({ length: items }, (_, i) => i);
      let finished = 0;
      let reported = 0;
      const output = await mapBounded(
        input,
        limit,
        async (item) => {
          inFlight += 1;
          peak = Math.max(peak, inFlight);
          await new Promise((resolve) => setTimeout(resolve, (item * 7) % 5));
          inFlight -= 1;
          finished += 1;
          return item * 2;
        },
        (count) => {
          reported += count;
          // Told as each item finishes, not later in a lump.
          expect(reported).toBe(finished);
        },
      );
      expect(output).toEqual(input.map((item) => item * 2));
      expect(peak).toBe(Math.min(items, limit));
      expect(reported).toBe(items);
    });
  }
});

import { describe, expect, it } from 'vitest';
import { chunkedLayout, hybridLayout, perJobLayout } from '../src/index.js';

describe('thread layouts: W in flight spread over threads', () => {
  it('hybrid: a thread per core but one, at least one, never more than W, lanes summing to W', () => {
    for (const [w, cores, threads] of [
      [1, 2, 1],
      [2, 2, 1],
      [50, 2, 1],
      [1, 1, 1],
      [5, 3, 2],
      [50, 8, 7],
      [3, 8, 3],
    ] as const) {
      const layout = hybridLayout(w, cores);
      expect(layout.threads, `W=${w} cores=${cores}`).toBe(threads);
      expect(layout.lanes.reduce((sum, lane) => sum + lane, 0)).toBe(w);
    }
    expect(hybridLayout(50, 2).description).toMatch(/^1 thread × 50 in flight, chunks of/);
    expect(hybridLayout(50, 3).description).toMatch(/^2 threads × 25 in flight, chunks of/);
    expect(hybridLayout(5, 3).description).toMatch(/^2 threads × 3\/2 in flight/);
  });

  it('chunks: at least 4 × lanes or two per thread, a few per thread, at most 1024; per-job sends one at a time', () => {
    const hybrid = hybridLayout(50, 3);
    expect(hybrid.chunkSize(200)).toBe(50);
    expect(hybrid.chunkSize(20_000)).toBe(1024);
    // Two chunks of 5 for 10 jobs, all in flight at once: chunks of 3 would have held each thread (one chunk out at a
    // time) to 3 of its 25 lanes.
    expect(hybrid.chunkSize(10)).toBe(5);
    expect(hybridLayout(50, 2).chunkSize(200)).toBe(200);
    expect(chunkedLayout(10).chunkSize(1000)).toBe(25);
    expect(chunkedLayout(10).chunkSize(10)).toBe(1);
    expect(perJobLayout(10).chunkSize(1000)).toBe(1);
    expect(perJobLayout(7).lanes).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });
});

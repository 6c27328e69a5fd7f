import { describe, expect, it } from 'vitest';
import { createLatencyRecorder } from '../src/latency.js';

describe('createLatencyRecorder', () => {
  it('reports zeros when empty', () => {
    expect(createLatencyRecorder().summary()).toEqual({ count: 0, mean: 0, p50: 0, p90: 0, p99: 0, max: 0 });
  });

  it('reports percentiles in ms within the histogram precision', () => {
    const recorder = createLatencyRecorder();
    for (let i = 1; i <= 1000; i++) recorder.record(i / 10);
    const summary = recorder.summary();
    expect(summary.count).toBe(1000);
    expect(summary.p50).toBeCloseTo(50, 0);
    expect(summary.p90).toBeCloseTo(90, 0);
    expect(summary.p99).toBeCloseTo(99, 0);
    expect(summary.max).toBeCloseTo(100, 0);
    recorder.reset();
    expect(recorder.summary().count).toBe(0);
  });
});

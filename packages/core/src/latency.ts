import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

export interface LatencySummary {
  readonly count: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * The per-request latency figures a report shows (ms): the one shape for points, peers and interrupted points.
 * Declared here, the lowest layer, so a bare peer process can use the type without loading anything.
 */
export type LatencyPercentiles = Pick<LatencySummary, 'p50' | 'p90' | 'p99' | 'max'>;

export interface LatencyRecorder {
  /** Records one duration in milliseconds. */
  record(ms: number): void;
  summary(): LatencySummary;
  reset(): void;
}

/**
 * Per-request latency on node's HDR histogram, in microseconds internally
 * (so 3 significant figures down to 1 µs), reported in milliseconds.
 */
export function createLatencyRecorder(): LatencyRecorder {
  const histogram: RecordableHistogram = createHistogram({ lowest: 1, highest: 3_600_000_000, figures: 3 });
  return {
    record(ms) {
      histogram.record(Math.max(1, Math.round(ms * 1000)));
    },
    summary() {
      const count = histogram.count;
      const ms = (micros: number) => (count === 0 ? 0 : micros / 1000);
      return {
        count,
        mean: ms(histogram.mean),
        p50: ms(histogram.percentile(50)),
        p90: ms(histogram.percentile(90)),
        p99: ms(histogram.percentile(99)),
        max: ms(histogram.max),
      };
    },
    reset() {
      histogram.reset();
    },
  };
}

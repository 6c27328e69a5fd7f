import type { Knee } from './schema.js';

/** One point of a strategy's curve: batch time and its relative margin of error (percent; null = unknown). */
export interface CurvePoint {
  readonly concurrency: number;
  readonly meanMs: number;
  readonly rme: number | null;
}

/**
 * The knee on marginal gain beyond the noise: the smallest W whose next grid point no longer improves the batch
 * time by more than the two points' margins of error together (their 95% intervals overlap). "none" when every
 * step still gains (the curve still falls at the last point, or there is only one point); "unknown" when a step
 * before the knee has unknown spread, so no gain can be told from noise.
 */
export function findKnee(points: readonly CurvePoint[]): Knee {
  const curve = [...points].sort((a, b) => a.concurrency - b.concurrency);
  for (let i = 0; i + 1 < curve.length; i++) {
    const here = curve[i] as CurvePoint;
    const next = curve[i + 1] as CurvePoint;
    if (here.rme === null || next.rme === null) return 'unknown';
    const margin = (here.meanMs * here.rme) / 100 + (next.meanMs * next.rme) / 100;
    if (here.meanMs - next.meanMs <= margin) return here.concurrency;
  }
  return 'none';
}

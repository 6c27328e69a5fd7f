import type { LoadedStrategy } from '../strategies/load.js';

/**
 * Why a point is not run at all, decided before any process starts: the
 * strategy's own limit, or the politeness cap for a remote target. Undefined
 * when the point runs.
 */
export function skipReason(
  { manifest, definition }: LoadedStrategy,
  concurrency: number,
  maxInFlight: number | undefined,
): string | undefined {
  // The limit lives in the strategy's definition (defineStrategy), one place.
  const max = definition.maxConcurrency;
  if (max !== undefined && concurrency > max) return `${manifest.name} runs at most ${max} job(s) at a time`;
  if (maxInFlight !== undefined && concurrency > maxInFlight) {
    return `W = ${concurrency} exceeds --max-per-host ${maxInFlight} for a remote target`;
  }
  return undefined;
}

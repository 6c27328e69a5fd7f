import type { LoadedStrategy } from '../strategies/load.js';
import type { Reach } from '../target/urls.js';

/**
 * Why a point is not run at all, decided before any process starts: the
 * strategy's own limit, or the politeness cap for a remote target. Undefined
 * when the point runs.
 */
export function skipReason(
  { manifest, definition }: LoadedStrategy,
  concurrency: number,
  reach: Pick<Reach, 'maxPerOrigin' | 'origins' | 'maxConcurrency'>,
): string | undefined {
  // The limit lives in the strategy's definition (defineStrategy), one place.
  const max = definition.maxConcurrency;
  if (max !== undefined && concurrency > max) return `${manifest.name} runs at most ${max} job(s) at a time`;
  const { maxPerOrigin, origins, maxConcurrency } = reach;
  if (maxConcurrency !== undefined && concurrency > maxConcurrency) {
    return `W = ${concurrency} exceeds --max-per-host ${maxPerOrigin} per origin × ${origins} origin${origins === 1 ? '' : 's'} of the URLs (with --allow-remote every hop counts against it)`;
  }
  return undefined;
}

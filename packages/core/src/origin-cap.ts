import { errors, type FanoutError } from './errors.js';
import { spread } from './pool-layout.js';

/**
 * Connections per origin for each worker of a pool whose workers keep their own connections (threads, processes),
 * so that all of them together never have more than `maxPerOrigin` requests in flight to one origin, redirect
 * targets included (a Pool per origin, pipelining 1): worker i gets at most its own lanes and its share of the cap.
 * Undefined when the workers outnumber the cap: each needs a connection of its own.
 */
export function originShares(lanes: readonly number[], maxPerOrigin: number): number[] | undefined {
  if (lanes.length > maxPerOrigin) return undefined;
  const shares = spread(maxPerOrigin, lanes.length);
  return lanes.map((lane, index) => Math.min(lane, shares[index] as number));
}

/** The refusal of a pool whose workers outnumber the per-origin cap. */
export function originCapRefusal(what: string, workers: number, maxPerOrigin: number): FanoutError {
  return errors.unsupported(
    `${what}: ${workers} workers each keep their own connections, so they cannot keep to maxPerOrigin ${maxPerOrigin} (at most ${maxPerOrigin} requests in flight per origin)`,
  );
}

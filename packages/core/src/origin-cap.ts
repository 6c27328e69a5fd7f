import { errors, type FanoutError } from './errors.js';
import { spread } from './pool-layout.js';

/**
 * Connections per origin for each worker of a pool whose workers keep their own connections and their own lanes
 * (processes, each fed by its own dispatcher), so that all of them together never have more than `maxPerOrigin`
 * requests in flight to one origin, redirect targets included (a Pool per origin, pipelining 1): worker i gets at
 * most its own lanes and its share of the cap. Undefined when the workers outnumber the cap: each needs a
 * connection of its own.
 */
export function originShares(lanes: readonly number[], maxPerOrigin: number): number[] | undefined {
  if (lanes.length > maxPerOrigin) return undefined;
  const shares = spread(maxPerOrigin, lanes.length);
  return lanes.map((lane, index) => Math.min(lane, shares[index] as number));
}

/**
 * The same for workers that take whichever chunk comes next, whatever its lanes (piscina's threads): one number for
 * every worker. A batch never has more than W jobs in flight, so under a cap of at least W each keeps the widest
 * lanes; under a smaller cap each gets an equal part of it. Undefined when the workers outnumber the cap.
 */
export function sharedOriginShare(lanes: readonly number[], maxPerOrigin: number): number | undefined {
  const widest = Math.max(...lanes);
  const total = lanes.reduce((sum, lane) => sum + lane, 0);
  if (maxPerOrigin >= total) return widest;
  const share = Math.min(widest, Math.floor(maxPerOrigin / lanes.length));
  return share >= 1 ? share : undefined;
}

/**
 * For a strategy's `configuration`, when a per-origin cap holds it below its W: the most requests it can have in
 * flight to one origin (the report then says what one host really saw). Undefined when the cap does not bind.
 */
export function describeOriginCap(perOrigin: number, concurrency: number): string | undefined {
  return perOrigin < concurrency ? `at most ${perOrigin} in flight per origin` : undefined;
}

/** The refusal of a pool whose workers outnumber the per-origin cap. */
export function originCapRefusal(what: string, workers: number, maxPerOrigin: number): FanoutError {
  return errors.unsupported(
    `${what}: ${workers} workers each keep their own connections, so they cannot keep to maxPerOrigin ${maxPerOrigin} (at most ${maxPerOrigin} requests in flight per origin)`,
  );
}

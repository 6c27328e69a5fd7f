/**
 * Every Redis key and channel the strategy and its workers use, in one place.
 * BullMQ's keys for a point are `fanout:<queue>:…`; the strategy's own per-point
 * keys live under the same `fanout:<queue>:` prefix, so sweeping that prefix
 * removes everything a point ever wrote.
 */

/** BullMQ's key prefix for every fanout queue. */
export const PREFIX = 'fanout';

/** Open points that remote workers may join: queue → PointDescriptor (JSON). */
export const OPEN_POINTS = `${PREFIX}:registry:points`;
/** Every live point (local or open): queue → expiry (ms); a point whose owner stopped renewing is swept. */
export const LIVE_POINTS = `${PREFIX}:registry:live`;
/** Live remote worker processes: id → expiry (ms), renewed by their heartbeat. */
export const LIVE_WORKERS = `${PREFIX}:registry:workers`;
/** Pub/sub: "open <queue>" and "end <queue>", so remote workers join and leave at once. */
export const ANNOUNCE = `${PREFIX}:registry:announce`;

/** How often owners and workers renew their entries, and how long an entry lives without renewal. */
export const HEARTBEAT_MS = 1000;
export const EXPIRY_MS = 3000;

export function pointKeys(queue: string) {
  const base = `${PREFIX}:${queue}`;
  return {
    /** Everything the point wrote, for the final sweep. */
    pattern: `${base}:*`,
    /** The batch whose results are wanted now; a result for any other batch is dropped atomically. */
    batch: `${base}:fanout:batch`,
    /** One list of result envelopes per batch. */
    results: (batch: number) => `${base}:fanout:results:${batch}`,
    /** Workers that joined the point: id → WorkerInfo (JSON). */
    joined: `${base}:fanout:joined`,
    /** Pub/sub: "cancel <batch>" (abort) and "end". */
    control: `${base}:fanout:control`,
  };
}

export type PointKeys = ReturnType<typeof pointKeys>;

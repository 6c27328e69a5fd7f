import { type BareClientOptions, bareDispatchLoop } from '@fanout/core/bare';

/** Distinct URLs sampled for latency at most; a run over more has no latency floor. */
const MAX_LATENCY_URLS = 50;
/** Requests that open a lane's connection and warm the code before its samples: never sampled. */
const WARM_REQUESTS = 2;
/**
 * Lanes sampling one URL at once, each one request at a time on its own open, warmed connection (fewer when the run
 * allows fewer connections, as for a host that is not this machine). Four lanes take four times the samples in the
 * same time at a load of four requests in flight, which no target notices: with one lane, 20 samples of a 50 ms
 * server sometimes held none under 51.0 ms (the second of three runs at 14:14 UTC on 2026-11-29, in git history
 * as docs/results-latency-floor-2.json: a floor 2.05% over).
 */
const LANES = 4;
/** Samples per lane: at most SAMPLES, at least MIN_SAMPLES, more while the URL's share of BUDGET_MS lasts. */
const SAMPLES = 50;
const MIN_SAMPLES = 5;
const BUDGET_MS = 2000;

export interface LatencyFloors {
  /** Fastest 2xx answer per distinct URL; a URL with none has no entry (then there is no latency floor). */
  readonly minLatencyMs: Record<string, number>;
  /** Requests made, warm-up included. */
  readonly requests: number;
}

/**
 * The per-job latency of a `--url` target: each distinct URL's fastest answer, sampled one request at a time on each
 * of a few open, warmed connections (the bare dispatch loop), over enough samples to be a minimum rather than a mean.
 * A first request that also opens the connection would put the floor above a warm batch. A request in flight beside
 * three others is never faster than one alone, so every sample is still an upper bound of the floor.
 */
export async function latencyFloors(
  urls: readonly string[],
  maxRequests: number,
  client?: BareClientOptions,
  maxLanes: number = LANES,
): Promise<LatencyFloors> {
  const distinct = [...new Set(urls)];
  const minLatencyMs: Record<string, number> = {};
  let requests = 0;
  if (distinct.length > MAX_LATENCY_URLS) return { minLatencyMs, requests };
  const shareMs = BUDGET_MS / distinct.length;
  // Each request is claimed before it is sent, so the lanes together never pass the budget.
  const claim = (): boolean => {
    if (requests >= maxRequests) return false;
    requests += 1;
    return true;
  };
  const lane = async (url: string, started: number): Promise<number> => {
    const loop = bareDispatchLoop([url], 1, client);
    let best = Number.POSITIVE_INFINITY;
    try {
      for (let i = 0; i < WARM_REQUESTS && claim(); i++) await loop.run(1, 1);
      for (
        let samples = 0;
        samples < SAMPLES && (samples < MIN_SAMPLES || performance.now() - started < shareMs) && claim();
        samples++
      ) {
        const t0 = performance.now();
        const answer = await loop.run(1, 1);
        const ms = performance.now() - t0;
        if (answer.succeeded === 1) best = Math.min(best, ms);
      }
    } finally {
      await loop.close();
    }
    return best;
  };
  const lanes = Math.max(1, Math.min(LANES, maxLanes));
  for (const url of distinct) {
    const started = performance.now();
    const bests = await Promise.all(Array.from({ length: lanes }, () => lane(url, started)));
    const best = Math.min(...bests);
    if (Number.isFinite(best)) minLatencyMs[url] = best;
  }
  return { minLatencyMs, requests };
}

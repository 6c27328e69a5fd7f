import { type BareClientOptions, bareDispatchLoop } from '@fanout/core/bare';

/** Distinct URLs sampled for latency at most; a run over more has no latency floor. */
const MAX_LATENCY_URLS = 50;
/** Requests that open a URL's connection and warm the code before its samples: never sampled. */
const WARM_REQUESTS = 2;
/** Samples per URL: at most SAMPLES, at least MIN_SAMPLES, more while the URL's share of BUDGET_MS lasts. */
const SAMPLES = 20;
const MIN_SAMPLES = 5;
const BUDGET_MS = 2000;

export interface LatencyFloors {
  /** Fastest 2xx answer per distinct URL; a URL with none has no entry (then there is no latency floor). */
  readonly minLatencyMs: Record<string, number>;
  /** Requests made, warm-up included. */
  readonly requests: number;
}

/**
 * The per-job latency of a `--url` target: each distinct URL's fastest answer, one request at a time on one open,
 * warmed connection (the bare dispatch loop), over enough samples to be a minimum rather than a mean. A first
 * request that also opens the connection would put the floor above a warm batch.
 */
export async function latencyFloors(
  urls: readonly string[],
  maxRequests: number,
  client?: BareClientOptions,
): Promise<LatencyFloors> {
  const distinct = [...new Set(urls)];
  const minLatencyMs: Record<string, number> = {};
  let requests = 0;
  if (distinct.length > MAX_LATENCY_URLS) return { minLatencyMs, requests };
  const shareMs = BUDGET_MS / distinct.length;
  for (const url of distinct) {
    const loop = bareDispatchLoop([url], 1, client);
    try {
      for (let i = 0; i < WARM_REQUESTS && requests < maxRequests; i++, requests++) await loop.run(1, 1);
      let best = Number.POSITIVE_INFINITY;
      const started = performance.now();
      for (
        let samples = 0;
        samples < SAMPLES && requests < maxRequests && (samples < MIN_SAMPLES || performance.now() - started < shareMs);
        samples++, requests++
      ) {
        const t0 = performance.now();
        const answer = await loop.run(1, 1);
        const ms = performance.now() - t0;
        if (answer.succeeded === 1) best = Math.min(best, ms);
      }
      if (Number.isFinite(best)) minLatencyMs[url] = best;
    } finally {
      await loop.close();
    }
  }
  return { minLatencyMs, requests };
}

import { Pool } from 'undici';
import { z } from 'zod';

/**
 * The calibration's own process (target/calibration.ts starts it): the strongest client fanout has, a bare undici
 * Pool per origin with bodies dumped, swept over connection counts until the rate stops rising, then repeated at
 * the best count. Its CPU and sockets are not the orchestrator's, and it is gone before the first point.
 */
export const calibrationRequestSchema = z.object({
  /** The run's own job URLs, in job order: the real page mix. */
  urls: z.array(z.string()).min(1),
  maxConnections: z.number().int().min(1),
  /** Every request of the calibration together, latency probes included: polite to hosts that are not ours. */
  maxRequests: z.number().int().min(1),
  levelMs: z.number().min(1),
  roundMs: z.number().min(1),
  rounds: z.number().int().min(1),
  /** What the points speak (client-options.ts): trust this CA, offer h2, ask for this coding (bodies dumped). */
  client: z
    .object({
      ca: z.string().optional(),
      http2: z.literal(true).optional(),
      acceptEncoding: z.enum(['gzip', 'br']).optional(),
    })
    .optional(),
});
type Request = z.infer<typeof calibrationRequestSchema>;

/** Connection counts tried, in order; the sweep stops where the rate stops rising. */
const LEVELS = [1, 4, 16, 64, 256, 1024];
/** A level must beat the best so far by this fraction to count as still rising. */
const RISE = 0.05;
/** Sequential requests per distinct URL for its fastest response. */
const LATENCY_PROBES = 3;
/** Distinct URLs probed for latency at most; a run over more has no latency floor. */
const MAX_LATENCY_URLS = 50;

async function calibrate(request: Request) {
  const started = performance.now();
  let budget = request.maxRequests;
  const { client } = request;
  const headers = client?.acceptEncoding ? { 'accept-encoding': client.acceptEncoding } : {};
  const pools = new Map<string, Pool>();
  const poolFor = (url: URL, connections: number) => {
    const key = `${url.origin}#${connections}`;
    let pool = pools.get(key);
    if (!pool) {
      pool = new Pool(url.origin, {
        connections,
        headersTimeout: 10_000,
        bodyTimeout: 10_000,
        ...(client?.ca === undefined ? {} : { connect: { ca: client.ca } }),
        ...(client?.http2 ? { allowH2: true } : {}),
      });
      pools.set(key, pool);
    }
    return pool;
  };
  const fetchOnce = async (url: URL, connections: number) => {
    budget--;
    const response = await poolFor(url, connections).request({
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers,
    });
    await response.body.dump({ limit: Number.POSITIVE_INFINITY });
  };
  const parsed = request.urls.map((url) => new URL(url));
  const distinct = [...new Set(request.urls)];
  const minLatencyMs: Record<string, number> = {};
  if (distinct.length <= MAX_LATENCY_URLS) {
    for (const url of distinct) {
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < LATENCY_PROBES && budget > 0; i++) {
        const t0 = performance.now();
        await fetchOnce(new URL(url), 1);
        best = Math.min(best, performance.now() - t0);
      }
      if (Number.isFinite(best)) minLatencyMs[url] = best;
    }
  }
  // Lanes cycle through the job URLs for `ms` (or until the request budget is spent); rate over what completed.
  const burst = async (connections: number, ms: number) => {
    let next = 0;
    let done = 0;
    const t0 = performance.now();
    const deadline = t0 + ms;
    const lane = async () => {
      while (performance.now() < deadline && budget > 0) {
        await fetchOnce(parsed[next++ % parsed.length] as URL, connections);
        done++;
      }
    };
    await Promise.all(Array.from({ length: connections }, lane));
    const elapsed = performance.now() - t0;
    return elapsed > 0 ? (done * 1000) / elapsed : 0;
  };
  let best = { connections: 1, rps: 0 };
  const levels = [...LEVELS.filter((level) => level < request.maxConnections), request.maxConnections];
  for (const connections of levels) {
    if (budget <= 0) break;
    await burst(connections, Math.min(50, request.levelMs)); // warm the connections first
    const rps = await burst(connections, request.levelMs);
    if (rps <= best.rps * (1 + RISE)) break;
    best = { connections, rps };
  }
  const rates: number[] = [];
  for (let i = 0; i < request.rounds && budget > 0; i++) rates.push(await burst(best.connections, request.roundMs));
  await Promise.all([...pools.values()].map((pool) => pool.close()));
  rates.sort((a, b) => a - b);
  return {
    capacityRps: { median: rates[Math.floor(rates.length / 2)] ?? 0, min: rates[0] ?? 0, max: rates.at(-1) ?? 0 },
    connections: best.connections,
    rounds: rates.length,
    minLatencyMs,
    durationMs: performance.now() - started,
  };
}

process.once('message', (message) => {
  const request = calibrationRequestSchema.parse(message);
  calibrate(request).then(
    (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
    (error: unknown) =>
      process.send?.({ ok: false, error: error instanceof Error ? error.message : String(error) }, () =>
        process.exit(0),
      ),
  );
});

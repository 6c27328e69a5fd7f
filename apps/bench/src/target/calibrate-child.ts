import { type BareClientOptions, bareLayout } from '@fanout/core/bare';
import type { Calibration } from '../model/schema.js';
import { withH2Origins } from './calibration-probe.js';
import type { CalibrationReply, CalibrationRequest } from './calibration-protocol.js';
import { budgeted, type Level, sized, sweep, warmUp } from './calibration-steps.js';
import { latencyFloors } from './latency-floors.js';

/**
 * The calibration's own process (target/calibration.ts starts it), measuring the way points are measured: with the
 * strongest client fanout has, core's bare dispatch loop (an undici Pool per origin, `dispatch` with a byte-counting
 * handler), in a fresh process of its own, warmed (its code by the warm-up rule, the target until its rate stops
 * rising), swept over levels of requests in flight, then rounds at the best level, keeping the best round. Over h2
 * (a verified TLS probe first: calibration-probe.ts) each level is multiplexed as the points' connections are
 * (⌈level ÷ 100⌉ connections carrying `level` streams), over HTTP/1.1 it is that many connections. It loads that loop
 * (undici alone), the probe (node:tls) and the rule, nothing else. The capacity estimate is the best round: a point
 * may still beat it (the machine is shared), and the report says so.
 */
async function calibrate(request: CalibrationRequest): Promise<Calibration> {
  const started = performance.now();
  // Half the budget at most for the latency samples: the capacity needs the rest.
  const client = await withH2Origins(request.urls, request.client);
  const latency = await latencyFloors(request.urls, Math.floor(request.maxRequests / 2), client);
  const capacity = budgeted(request.maxRequests - latency.requests);
  await warmUp(request.urls, request.maxConnections, request.roundMs, capacity, client);
  const top = await sweep(request.urls, request.maxConnections, request.levelMs, capacity, client);
  if (top.length === 0) throw new Error('no request budget left for the capacity');
  const rounds: { rps: number; inFlight: number }[] = [];
  try {
    for (let i = 0; i < request.rounds && capacity.left() > 0; i++) {
      const level = top[i % top.length] as Level;
      const round = sized(level.rps, request.roundMs, level.inFlight);
      const { count, rps } = await capacity.timed(level.loop, round, level.inFlight);
      if (count > 0) rounds.push({ rps, inFlight: level.inFlight });
    }
  } finally {
    for (const level of top) await level.loop.close();
  }
  // A target that refuses every request answers fast: that is no capacity.
  if (capacity.succeeded() === 0) throw new Error('no request was answered with a 2xx');
  const rates = rounds.map((round) => round.rps).sort((a, b) => a - b);
  // Where the best round ran.
  const inFlight = rounds.find((round) => round.rps === rates.at(-1))?.inFlight ?? 1;
  return {
    capacityRps: { median: rates[Math.floor(rates.length / 2)] ?? 0, min: rates[0] ?? 0, max: rates.at(-1) ?? 0 },
    ...shape(inFlight, client),
    rounds: rates.length,
    minLatencyMs: latency.minLatencyMs,
    durationMs: performance.now() - started,
  };
}

/**
 * How the best round's requests were carried: `connections` alone over HTTP/1.1 (one request each, the report's
 * shape before h2 was multiplexed); over h2 the first h2 origin's connections and streams each, and the level.
 */
function shape(inFlight: number, client: BareClientOptions | undefined) {
  const h2 = client?.h2Origins?.[0];
  return h2 === undefined ? { connections: inFlight } : { ...bareLayout(h2, inFlight, client), inFlight };
}

function reply(message: CalibrationReply): void {
  process.send?.(message, () => process.exit(0));
}

process.once('message', (message) => {
  calibrate(message as CalibrationRequest).then(
    (result) => reply({ ok: true, result }),
    (error: unknown) => reply({ ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});

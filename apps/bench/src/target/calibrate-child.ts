import type { Calibration } from '../model/schema.js';
import type { CalibrationReply, CalibrationRequest } from './calibration-protocol.js';
import { budgeted, type Level, sized, sweep, warmUp } from './calibration-steps.js';
import { latencyFloors } from './latency-floors.js';

/**
 * The calibration's own process (target/calibration.ts starts it), measuring the way points are measured: with the
 * strongest client fanout has, core's bare dispatch loop (an undici Pool per origin, `dispatch` with a byte-counting
 * handler), in a fresh process of its own, warmed (its code by the warm-up rule, the target until its rate stops
 * rising), swept over connection counts, then rounds at the best count, keeping the best round. It loads that loop
 * (undici alone) and the rule, nothing else. The capacity estimate is the best round: a point may still beat it (the
 * machine is shared), and the report says so.
 */
async function calibrate(request: CalibrationRequest): Promise<Calibration> {
  const started = performance.now();
  // Half the budget at most for the latency samples: the capacity needs the rest.
  const { client } = request;
  const latency = await latencyFloors(request.urls, Math.floor(request.maxRequests / 2), client);
  const capacity = budgeted(request.maxRequests - latency.requests);
  await warmUp(request.urls, request.maxConnections, request.roundMs, capacity, client);
  const top = await sweep(request.urls, request.maxConnections, request.levelMs, capacity, client);
  if (top.length === 0) throw new Error('no request budget left for the capacity');
  const rounds: { rps: number; connections: number }[] = [];
  try {
    for (let i = 0; i < request.rounds && capacity.left() > 0; i++) {
      const level = top[i % top.length] as Level;
      const round = sized(level.rps, request.roundMs, level.connections);
      const { count, rps } = await capacity.timed(level.loop, round, level.connections);
      if (count > 0) rounds.push({ rps, connections: level.connections });
    }
  } finally {
    for (const level of top) await level.loop.close();
  }
  // A target that refuses every request answers fast: that is no capacity.
  if (capacity.succeeded() === 0) throw new Error('no request was answered with a 2xx');
  const rates = rounds.map((round) => round.rps).sort((a, b) => a - b);
  return {
    capacityRps: { median: rates[Math.floor(rates.length / 2)] ?? 0, min: rates[0] ?? 0, max: rates.at(-1) ?? 0 },
    // Where the best round ran.
    connections: rounds.find((round) => round.rps === rates.at(-1))?.connections ?? 1,
    rounds: rates.length,
    minLatencyMs: latency.minLatencyMs,
    durationMs: performance.now() - started,
  };
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

import { bareDispatchLoop } from '@fanout/core/bare';
import { followWarmUpRule } from '../harness/warm-up-rule.js';
import type { Calibration } from '../model/schema.js';
import type { CalibrationReply, CalibrationRequest } from './calibration-protocol.js';
import { latencyFloors } from './latency-floors.js';

/**
 * The calibration's own process (target/calibration.ts starts it), measuring the way points are measured: with the
 * strongest client fanout has, core's bare dispatch loop (an undici Pool per origin, `dispatch` with a byte-counting
 * handler), in a fresh process of its own, warmed by the warm-up rule, over enough rounds, keeping the best. It loads
 * that loop (undici alone) and the rule, nothing else. The capacity estimate is the best round: a point may still
 * beat it (the machine is shared), and the report says so.
 */

/** Connection counts tried, in order; the sweep stops where the rate stops rising. */
const LEVELS = [1, 4, 16, 64, 256, 1024];
/** A level must beat the best so far by this fraction to count as still rising. */
const RISE = 0.05;

async function calibrate(request: CalibrationRequest): Promise<Calibration> {
  const started = performance.now();
  let budget = request.maxRequests;
  let succeeded = 0;
  /**
   * Runs up to `jobs` requests of the loop's job order (as the budget allows) and gives the rate of what ran. Every
   * answer counts, as it takes the points' jobs the same time: a 2xx-only rate would make the floor too high.
   */
  const timed = async (loop: ReturnType<typeof bareDispatchLoop>, jobs: number, lanes: number) => {
    const count = Math.max(0, Math.min(jobs, budget));
    budget -= count;
    const t0 = performance.now();
    if (count > 0) succeeded += (await loop.run(count, lanes)).succeeded;
    const ms = performance.now() - t0;
    return { count, ms, rps: ms > 0 ? (count * 1000) / ms : 0 };
  };

  // Half the budget at most for the latency samples: the capacity needs the rest.
  const latency = await latencyFloors(request.urls, Math.floor(budget / 2));
  budget -= latency.requests;

  let best = { connections: 1, rps: 0 };
  const levels = [...LEVELS.filter((level) => level < request.maxConnections), request.maxConnections];
  for (const connections of levels) {
    if (budget <= 0) break;
    const loop = bareDispatchLoop(request.urls, connections);
    try {
      // Every lane twice: the connections open (the code is warm from the levels before), and a first rate.
      const opening = await timed(loop, 2 * connections, connections);
      const sized = Math.max(2 * connections, Math.round((opening.rps * request.levelMs) / 1000));
      const { rps } = await timed(loop, sized, connections);
      if (rps <= best.rps * (1 + RISE)) break;
      best = { connections, rps };
    } finally {
      await loop.close();
    }
  }

  const rates: number[] = [];
  const loop = bareDispatchLoop(request.urls, best.connections);
  try {
    // A round: as many requests as the sweep's rate gives in roundMs, warmed up like a point's batch.
    const round = Math.max(2 * best.connections, Math.round((best.rps * request.roundMs) / 1000));
    await followWarmUpRule(round, best.connections, async (jobs) => (await timed(loop, jobs, best.connections)).ms);
    for (let i = 0; i < request.rounds && budget > 0; i++) {
      const { count, rps } = await timed(loop, round, best.connections);
      if (count > 0) rates.push(rps);
    }
  } finally {
    await loop.close();
  }
  // A target that refuses every request answers fast: that is no capacity.
  if (succeeded === 0) throw new Error('no request was answered with a 2xx');
  rates.sort((a, b) => a - b);
  return {
    capacityRps: { median: rates[Math.floor(rates.length / 2)] ?? 0, min: rates[0] ?? 0, max: rates.at(-1) ?? 0 },
    connections: best.connections,
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

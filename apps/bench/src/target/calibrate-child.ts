import { bareDispatchLoop } from '@fanout/core/bare';
import { followWarmUpRule } from '../harness/warm-up-rule.js';
import type { Calibration } from '../model/schema.js';
import type { CalibrationReply, CalibrationRequest } from './calibration-protocol.js';
import { latencyFloors } from './latency-floors.js';

/**
 * The calibration's own process (target/calibration.ts starts it), measuring the way points are measured: with the
 * strongest client fanout has, core's bare dispatch loop (an undici Pool per origin, `dispatch` with a byte-counting
 * handler), in a fresh process of its own, warmed by the warm-up rule, swept over connection counts, then rounds at
 * the two best counts, keeping the best round. It loads
 * that loop (undici alone) and the rule, nothing else. The capacity estimate is the best round: a point may still
 * beat it (the machine is shared), and the report says so.
 */

/** Connection counts tried, each up to the request's maxConnections (which is tried too). */
const LEVELS = [1, 4, 16, 64, 256, 1024];
/** Where the code is warmed before the sweep: a count most targets serve well. */
const WARM_LEVEL = 64;
/** Two counts whose sweep rates differ by less than this are the same within noise (docs/performance.md). */
const NOISE = 0.1;

type Loop = ReturnType<typeof bareDispatchLoop>;
/** A connection count of the sweep, its rate, and its loop with the connections open. */
interface Level {
  readonly connections: number;
  readonly rps: number;
  readonly loop: Loop;
}

async function calibrate(request: CalibrationRequest): Promise<Calibration> {
  const started = performance.now();
  let budget = request.maxRequests;
  let succeeded = 0;
  /**
   * Runs up to `jobs` requests of the loop's job order (as the budget allows) and gives the rate of what ran. Every
   * answer counts, as it takes the points' jobs the same time: a 2xx-only rate would make the floor too high.
   */
  const timed = async (loop: Loop, jobs: number, lanes: number) => {
    const count = Math.max(0, Math.min(jobs, budget));
    budget -= count;
    const t0 = performance.now();
    if (count > 0) succeeded += (await loop.run(count, lanes)).succeeded;
    const ms = performance.now() - t0;
    return { count, ms, rps: ms > 0 ? (count * 1000) / ms : 0 };
  };
  /** Requests that take about `ms` at `rps`, and never fewer than every lane twice. */
  const sized = (rps: number, ms: number, connections: number) =>
    Math.max(2 * connections, Math.round((rps * ms) / 1000));

  // Half the budget at most for the latency samples: the capacity needs the rest.
  const latency = await latencyFloors(request.urls, Math.floor(budget / 2));
  budget -= latency.requests;

  // The code warmed first, by the warm-up rule on a round-sized batch: without it the sweep's first levels ran cold
  // and the rate kept "rising" past the best count (1024 connections, 55k req/s, where 16-256 give 62-78k warm).
  const warmLevel = Math.min(WARM_LEVEL, request.maxConnections);
  const warmLoop = bareDispatchLoop(request.urls, warmLevel);
  try {
    // A quarter of what is left at most (a remote host's budget is small): the sweep and the rounds need the rest.
    const until = budget - Math.floor(budget / 4);
    const opening = await timed(warmLoop, 2 * warmLevel, warmLevel);
    const round = sized(opening.rps, request.roundMs, warmLevel);
    await followWarmUpRule(
      round,
      warmLevel,
      async (jobs) => (await timed(warmLoop, Math.min(jobs, budget - until), warmLevel)).ms,
      () => budget <= until,
    );
  } finally {
    await warmLoop.close();
  }

  // Every count up to the cap (a rate that dips on one level is noise as often as a knee). On a loaded machine the
  // counts from 4 to 256 measure within noise of each other, so the two best keep their connections open and, when
  // the second is within NOISE of the first, share the rounds, interleaved: one noisy sweep level does not decide
  // where every round runs. A clearly slower second (a latency-bound target at fewer connections) runs none.
  let top: Level[] = [];
  const levels = [...LEVELS.filter((level) => level < request.maxConnections), request.maxConnections];
  for (const connections of levels) {
    if (budget <= 0) break;
    const loop = bareDispatchLoop(request.urls, connections);
    // Every lane twice: the connections open, and a first rate to size the measurement.
    const opening = await timed(loop, 2 * connections, connections);
    const { rps } = await timed(loop, sized(opening.rps, request.levelMs, connections), connections);
    top = [...top, { connections, rps, loop }].sort((a, b) => b.rps - a.rps);
    for (const dropped of top.splice(2)) await dropped.loop.close();
  }
  if (top.length === 0) throw new Error('no request budget left for the capacity');
  const first = top[0] as Level;
  for (const slower of top.filter((level) => level.rps < first.rps * (1 - NOISE))) await slower.loop.close();
  top = top.filter((level) => level.rps >= first.rps * (1 - NOISE));

  const rounds: { rps: number; connections: number }[] = [];
  try {
    for (let i = 0; i < request.rounds && budget > 0; i++) {
      const level = top[i % top.length] as Level;
      const { count, rps } = await timed(
        level.loop,
        sized(level.rps, request.roundMs, level.connections),
        level.connections,
      );
      if (count > 0) rounds.push({ rps, connections: level.connections });
    }
  } finally {
    for (const level of top) await level.loop.close();
  }
  // A target that refuses every request answers fast: that is no capacity.
  if (succeeded === 0) throw new Error('no request was answered with a 2xx');
  const rates = rounds.map((round) => round.rps).sort((a, b) => a - b);
  const best = rounds.find((round) => round.rps === rates.at(-1));
  return {
    capacityRps: { median: rates[Math.floor(rates.length / 2)] ?? 0, min: rates[0] ?? 0, max: rates.at(-1) ?? 0 },
    // Where the best round ran.
    connections: best?.connections ?? 1,
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

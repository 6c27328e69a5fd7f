import { type BareClientOptions, bareDispatchLoop } from '@fanout/core/bare';
import { followWarmUpRule } from '../harness/warm-up-rule.js';

/** The calibration's steps (calibrate-child.ts runs them in order), each spending from one request budget. */

type Loop = ReturnType<typeof bareDispatchLoop>;

/**
 * Requests in flight tried, each up to the request's maxConnections (which is tried too): over HTTP/1.1 that many
 * connections, over h2 core's layout of them (bareLayout: ⌈level ÷ 100⌉ connections carrying `level` streams).
 */
const LEVELS = [1, 4, 16, 64, 256, 1024];
/** Where the code and the target are warmed before the sweep: a level most targets serve well. */
const WARM_LEVEL = 64;
/** The target's warm-up ends after this many rounds in a row without a new best by more than RISE… */
const PLATEAU_ROUNDS = 3;
const RISE = 0.02;
/** …or after this long. */
const TARGET_WARM_MAX_MS = 10_000;
/** Two levels whose sweep rates differ by less than this are the same within noise (docs/performance.md). */
const NOISE = 0.1;

/** A level of the sweep (requests in flight), its rate, and its loop with the connections open. */
export interface Level {
  readonly inFlight: number;
  readonly rps: number;
  readonly loop: Loop;
}

export interface Budgeted {
  /**
   * Runs up to `jobs` requests of the loop's job order (as the budget allows) and gives the rate of what ran. Every
   * answer counts, as it takes the points' jobs the same time: a 2xx-only rate would make the floor too high.
   */
  timed(loop: Loop, jobs: number, lanes: number): Promise<{ count: number; ms: number; rps: number }>;
  /** Requests left. */
  left(): number;
  /** 2xx answers so far: none means a target that refuses everything, which is no capacity. */
  succeeded(): number;
}

export function budgeted(maxRequests: number): Budgeted {
  let budget = maxRequests;
  let succeeded = 0;
  return {
    async timed(loop, jobs, lanes) {
      const count = Math.max(0, Math.min(jobs, budget));
      budget -= count;
      const t0 = performance.now();
      if (count > 0) succeeded += (await loop.run(count, lanes)).succeeded;
      const ms = performance.now() - t0;
      return { count, ms, rps: ms > 0 ? (count * 1000) / ms : 0 };
    },
    left: () => budget,
    succeeded: () => succeeded,
  };
}

/** Requests that take about `ms` at `rps`, and never fewer than every lane twice. */
export function sized(rps: number, ms: number, lanes: number): number {
  return Math.max(2 * lanes, Math.round((rps * ms) / 1000));
}

/**
 * Warms the code by the warm-up rule on a round-sized batch, then the target: rounds until the rate stops rising.
 * Without the first the sweep's first levels ran cold and the rate kept "rising" past the best count (1024
 * connections, 55k req/s, where 16 to 256 gave 62-78k warm); without the second a just-started server measured
 * ~15% below what it served ten seconds later (docs/performance.md). Spends a quarter of the budget at most.
 */
export async function warmUp(
  urls: readonly string[],
  maxConnections: number,
  roundMs: number,
  runs: Budgeted,
  client?: BareClientOptions,
) {
  const level = Math.min(WARM_LEVEL, maxConnections);
  const loop = bareDispatchLoop(urls, level, client);
  const until = runs.left() - Math.floor(runs.left() / 4);
  const spend = (jobs: number) => runs.timed(loop, Math.min(jobs, runs.left() - until), level);
  const spent = () => runs.left() <= until;
  try {
    const round = sized((await spend(2 * level)).rps, roundMs, level);
    await followWarmUpRule(round, level, async (jobs) => (await spend(jobs)).ms, spent);
    const started = performance.now();
    let best = 0;
    for (let still = 0; still < PLATEAU_ROUNDS && !spent() && performance.now() - started < TARGET_WARM_MAX_MS; ) {
      const { rps } = await spend(round);
      still = rps > best * (1 + RISE) ? 0 : still + 1;
      best = Math.max(best, rps);
    }
  } finally {
    await loop.close();
  }
}

/**
 * Every level up to the cap (a rate that dips on one level is noise as often as a knee). On a loaded machine the
 * levels from 4 to 256 measure within noise of each other, so the best and, when within NOISE of it, the second best
 * keep their connections open and share the rounds: one noisy sweep level does not decide where every round runs.
 */
export async function sweep(
  urls: readonly string[],
  maxConnections: number,
  levelMs: number,
  runs: Budgeted,
  client?: BareClientOptions,
): Promise<Level[]> {
  let top: Level[] = [];
  for (const inFlight of [...LEVELS.filter((level) => level < maxConnections), maxConnections]) {
    if (runs.left() <= 0) break;
    const loop = bareDispatchLoop(urls, inFlight, client);
    // Every lane twice: the connections open, and a first rate to size the measurement.
    const opening = await runs.timed(loop, 2 * inFlight, inFlight);
    const { rps } = await runs.timed(loop, sized(opening.rps, levelMs, inFlight), inFlight);
    top = [...top, { inFlight, rps, loop }].sort((a, b) => b.rps - a.rps);
    for (const dropped of top.splice(2)) await dropped.loop.close();
  }
  const first = top[0];
  const [kept, slower] = [
    top.filter((level) => first && level.rps >= first.rps * (1 - NOISE)),
    top.filter((level) => first && level.rps < first.rps * (1 - NOISE)),
  ];
  for (const level of slower) await level.loop.close();
  return kept;
}

import type { WorkloadName } from '@fanout/core';
import type { Compression } from '@fanout/fixture-server';
import type { PeerName } from './peers/peer.js';

/** One kind of page on the embedded fixture server; jobs cycle through a profile's pages. */
export interface Page {
  readonly path: string;
  readonly sizeBytes: number;
  readonly latencyMs: number;
}

/**
 * How many timed batches a point gets: as many as fit in `budgetMs` of
 * estimated batch time (jobs ÷ W × latency), between `min` and `max`. Slow
 * points (W = 1 at 13 s a batch) get few, fast ones many.
 */
export interface BatchPlan {
  readonly min: number;
  readonly max: number;
  readonly budgetMs: number;
}

/**
 * How long a whole run of the profile took (calibration and every point, the build not counted) on a 2-core machine
 * with nothing else running: the one place the figure is kept, beside the committed report it is read from
 * (its finishedAt − environment.startedAt; test/profiles-readme.test.ts holds the two together).
 */
export interface MeasuredTime {
  readonly seconds: number;
  /** The day it was measured, YYYY-MM-DD. */
  readonly on: string;
  /** The report.json of that run, committed (a path from the repository's root). */
  readonly report: string;
}

/**
 * Settings a profile fixes; every one can be overridden by its flag. What it runs is described from these fields
 * (profile-description.ts); only its purpose is written by hand.
 */
export interface Profile {
  /** What the profile is for, in a few words: the part of its description no field holds. */
  readonly purpose: string;
  /** Wall time of the whole run where it was measured; a profile never claims a time it has not measured. */
  readonly measured?: MeasuredTime;
  readonly concurrency: readonly number[];
  readonly jobs: number;
  readonly pages: readonly Page[];
  readonly batches: BatchPlan;
  /** Minimum timed milliseconds per point (tinybench `time`). */
  readonly timeMs: number;
  /** Strategies to run when --strategies is not given; every discovered one when absent. */
  readonly strategies?: readonly string[];
  /** Discovered strategies left out when --strategies is not given (with `strategies` absent), e.g. ones needing Redis. */
  readonly excludedStrategies?: readonly string[];
  /** Peers to run when --peers is not given; none when absent. */
  readonly peers?: readonly PeerName[];
  /** Repetitions of the whole run, interleaved (--repeat); 1 when absent. */
  readonly repeat?: number;
  /** What one job does (default download); cpu and mixed take the settings below. */
  readonly workload?: WorkloadName;
  /** cpu: job i sums the squares of 0 … cpuBase + i − 1. */
  readonly cpuBase?: number;
  /** mixed: sha256 rounds over each body. */
  readonly hashRounds?: number;
  /** The embedded server over HTTPS (--tls); plaintext when absent. */
  readonly tls?: boolean;
  /** Bodies served compressed and decoded by every client (--compress); identity when absent. */
  readonly compress?: Compression;
  /** Round trip added by the relay (--rtt), in ms; loopback's own when absent. */
  readonly rttMs?: number;
}

/** Named settings, as data: a profile is never a code path. */
export const PROFILES = {
  quick: {
    purpose: 'the default',
    measured: { seconds: 93, on: '2026-11-29', report: 'docs/results-time-quick.json' },
    // A broker per 200 tiny jobs is not what the default run is for, and `pnpm bench` must never need Redis.
    excludedStrategies: ['queue'],
    concurrency: [1, 10, 50],
    jobs: 200,
    pages: [{ path: '/page', sizeBytes: 16 * 1024, latencyMs: 5 }],
    batches: { min: 5, max: 5, budgetMs: 0 },
    timeMs: 0,
  },
  seed: {
    purpose: "the Python post's experiment (a home page and a dynamic page)",
    measured: { seconds: 635, on: '2026-11-29', report: 'docs/results-seed.json' },
    // Like quick and realistic: the post's experiment has no broker, and a seed run must not need Redis.
    excludedStrategies: ['queue'],
    // Sizes and latencies are the post's stand-ins for a home page and a dynamic page (they are not measured from
    // any real site); chosen so W = 1 takes about 13 s a batch (100 × 80 + 100 × 50 ms), by design: the sequential
    // baseline should hurt. At least 3 batches everywhere, so every point has a margin of error.
    concurrency: [1, 5, 10, 20, 30, 100, 500],
    jobs: 200,
    pages: [
      { path: '/home', sizeBytes: 48 * 1024, latencyMs: 80 },
      { path: '/dynamic', sizeBytes: 300, latencyMs: 50 },
    ],
    batches: { min: 3, max: 10, budgetMs: 10_000 },
    timeMs: 0,
  },
  realistic: {
    // The seed's shape (its two pages, its W sweep) where downloads really happen: over HTTPS with the CA verified,
    // gzip bodies every client decodes, and a 30 ms round trip (the relay) that every new connection pays before its
    // first byte. HTTP/1.1 as it stands; the HTTP/2 run adds --http2. 100 jobs (the seed has 200) so each protocol's
    // run fits one quiet slot; the queue is left out (it needs a Redis).
    purpose: "the seed's experiment over a real network's protocols (add --http2 for HTTP/2)",
    // The HTTPS/1.1 run; the --http2 one took 522 s (docs/results-realistic-h2.json).
    measured: { seconds: 518, on: '2026-11-29', report: 'docs/results-realistic-h1.json' },
    concurrency: [1, 5, 10, 20, 30, 100, 500],
    jobs: 100,
    pages: [
      { path: '/home', sizeBytes: 48 * 1024, latencyMs: 80 },
      { path: '/dynamic', sizeBytes: 300, latencyMs: 50 },
    ],
    batches: { min: 3, max: 10, budgetMs: 6_000 },
    timeMs: 0,
    strategies: [
      'sequential',
      'async',
      'fetch',
      'thread-pool',
      'thread-pool-chunked',
      'thread-pool-hybrid',
      'process-pool',
    ],
    tls: true,
    compress: 'gzip',
    rttMs: 30,
  },
  throughput: {
    purpose: 'requests per second',
    concurrency: [1, 10, 50, 200],
    jobs: 5000,
    pages: [{ path: '/page', sizeBytes: 1024, latencyMs: 0 }],
    batches: { min: 5, max: 5, budgetMs: 0 },
    timeMs: 0,
  },
  latency: {
    purpose: 'latency-bound, where concurrency should buy near-linear speed-up',
    concurrency: [1, 10, 50, 100, 300],
    jobs: 300,
    pages: [{ path: '/page', sizeBytes: 1024, latencyMs: 50 }],
    batches: { min: 3, max: 10, budgetMs: 8000 },
    timeMs: 0,
  },
  peers: {
    purpose: 'fanout beside trusted peers',
    // Measured with --url against a `fanout serve` of its own (docs/performance.md).
    measured: { seconds: 307, on: '2026-11-29', report: 'docs/results-peers.json' },
    concurrency: [50],
    jobs: 20_000,
    pages: [{ path: '/page', sizeBytes: 1024, latencyMs: 0 }],
    batches: { min: 5, max: 5, budgetMs: 0 },
    timeMs: 0,
    strategies: ['async', 'fetch', 'thread-pool-hybrid'],
    peers: ['undici-pool', 'autocannon', 'wrk', 'python-asyncio', 'python-threads'],
    // Three interleaved repetitions, each point and peer keeping its median: the ratios to the peers must not
    // depend on which of them ran while the machine was busy.
    repeat: 3,
  },
  cpu: {
    // 10× the post's n, since V8 runs the loop ~70× faster than CPython.
    purpose: 'CPU-bound, where threads win in Node',
    measured: { seconds: 63, on: '2026-11-29', report: 'docs/results-cpu.json' },
    concurrency: [1, 2, 4, 8],
    jobs: 24,
    pages: [{ path: '/page', sizeBytes: 1024, latencyMs: 0 }],
    batches: { min: 5, max: 5, budgetMs: 0 },
    timeMs: 0,
    workload: 'cpu',
    cpuBase: 50_000_000,
    strategies: ['sequential', 'async', 'thread-pool', 'thread-pool-hybrid', 'process-pool'],
  },
  mixed: {
    purpose: 'network and CPU (sweep --hash-rounds for the crossover)',
    // The run at the profile's own 20 rounds, one of the four of docs/results.md's mixed section.
    measured: { seconds: 98, on: '2026-11-29', report: 'docs/results-mixed-20.json' },
    concurrency: [1, 2, 10, 50],
    jobs: 200,
    pages: [{ path: '/page', sizeBytes: 64 * 1024, latencyMs: 5 }],
    batches: { min: 5, max: 5, budgetMs: 0 },
    timeMs: 0,
    workload: 'mixed',
    hashRounds: 20,
    strategies: ['sequential', 'async', 'thread-pool', 'thread-pool-hybrid', 'process-pool'],
  },
} as const satisfies Record<string, Profile>;

export type ProfileName = keyof typeof PROFILES;
export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];

/** Mean added latency per request over the pages jobs cycle through. */
export function meanLatencyMs(pages: readonly Page[]): number {
  return pages.length === 0 ? 0 : pages.reduce((sum, page) => sum + page.latencyMs, 0) / pages.length;
}

/** Mean body size over the pages: the one place a mean size is computed. */
export function meanSizeBytes(pages: readonly Page[]): number {
  return pages.length === 0 ? 0 : Math.round(pages.reduce((sum, page) => sum + page.sizeBytes, 0) / pages.length);
}

/** Timed batches for one point, from the plan and the ideal batch time (ceil(jobs ÷ W) × latency). */
export function batchesFor(plan: BatchPlan, jobs: number, concurrency: number, latencyMs: number): number {
  const estimateMs = Math.ceil(jobs / concurrency) * latencyMs;
  const fitting = estimateMs > 0 ? Math.floor(plan.budgetMs / estimateMs) : plan.max;
  return Math.min(plan.max, Math.max(plan.min, fitting));
}

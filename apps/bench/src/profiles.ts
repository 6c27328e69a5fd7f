import type { WorkloadName } from '@fanout/core';
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

/** Settings a profile fixes; every one can be overridden by its flag. */
export interface Profile {
  readonly description: string;
  readonly concurrency: readonly number[];
  readonly jobs: number;
  readonly pages: readonly Page[];
  readonly batches: BatchPlan;
  /** Minimum timed milliseconds per point (tinybench `time`). */
  readonly timeMs: number;
  /** Strategies to run when --strategies is not given; every discovered one when absent. */
  readonly strategies?: readonly string[];
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
}

/** Named settings, as data: a profile is never a code path. */
export const PROFILES = {
  quick: {
    description: 'the default: W = 1, 10, 50 on 200 jobs of 16 KiB with 5 ms added latency; about a minute',
    concurrency: [1, 10, 50],
    jobs: 200,
    pages: [{ path: '/page', sizeBytes: 16 * 1024, latencyMs: 5 }],
    batches: { min: 5, max: 5, budgetMs: 0 },
    timeMs: 0,
  },
  seed: {
    description:
      "the Python post's experiment: 200 URLs alternating a 48 KiB home page (80 ms) and a 300 B dynamic page (50 ms), W = 1 … 500; a few minutes",
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
  throughput: {
    description: 'requests per second: 5,000 jobs of 1 KiB, no added latency, W = 1, 10, 50, 200',
    concurrency: [1, 10, 50, 200],
    jobs: 5000,
    pages: [{ path: '/page', sizeBytes: 1024, latencyMs: 0 }],
    batches: { min: 5, max: 5, budgetMs: 0 },
    timeMs: 0,
  },
  latency: {
    description: 'latency-bound: 300 jobs with 50 ms added latency, where concurrency should buy near-linear speed-up',
    concurrency: [1, 10, 50, 100, 300],
    jobs: 300,
    pages: [{ path: '/page', sizeBytes: 1024, latencyMs: 50 }],
    batches: { min: 3, max: 10, budgetMs: 8000 },
    timeMs: 0,
  },
  peers: {
    description:
      'fanout beside trusted peers (bare undici Pool, autocannon, wrk, the Python programs): 20,000 jobs of 1 KiB, no added latency, W = 50',
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
    description:
      "CPU-bound: 24 jobs, each a sum of squares of 0 … 50,000,000 + i (no I/O; 10× the post's n, since V8 runs the loop ~70× faster than CPython), W = 1, 2, 4, 8: where threads win in Node",
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
    description:
      'network and CPU: 200 jobs of 64 KiB with 5 ms latency, each body hashed (sha256) 20 times, W = 1, 2, 10, 50',
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

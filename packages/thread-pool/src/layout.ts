import { availableParallelism } from 'node:os';
import { chunkRule, describeChunks, spread } from '@fanout/core';

/**
 * How W jobs in flight are spread over threads: how many threads, how many
 * jobs each runs at once (`lanes`, one entry per thread, summing to W), and
 * how many jobs travel in one message.
 */
export interface Layout {
  readonly threads: number;
  readonly lanes: readonly number[];
  chunkSize(jobs: number): number;
  /** For the report: exactly what ran. */
  readonly description: string;
}

/** W threads, one job per message: ThreadPoolExecutor.map with one session per thread. */
export function perJobLayout(concurrency: number): Layout {
  return {
    threads: concurrency,
    lanes: spread(concurrency, concurrency),
    chunkSize: () => 1,
    description: `${concurrency} thread${concurrency === 1 ? '' : 's'} × 1 in flight, 1 job per message`,
  };
}

/** W threads, one job at a time each, jobs sent in chunks: the message cost amortised. */
export function chunkedLayout(concurrency: number): Layout {
  return {
    threads: concurrency,
    lanes: spread(concurrency, concurrency),
    chunkSize: chunkRule(concurrency, 1),
    description: `${concurrency} threads × 1 in flight, ${describeChunks(concurrency, 1)}`,
  };
}

/**
 * A thread per core but one (at least one, at most W), each running W ÷
 * threads jobs at once on its own event loop, in chunks. One core is left to
 * the main thread that hands out chunks and, on a loopback benchmark, to the
 * server: tinypool's default too. On 2 cores that is one thread with all W in
 * flight, measured at 0.85× one event loop against 0.65× for two threads
 * (docs/performance.md).
 */
export function hybridLayout(concurrency: number, cores = availableParallelism()): Layout {
  const threads = Math.max(1, Math.min(concurrency, cores - 1));
  const lanes = spread(concurrency, threads);
  const widest = Math.max(...lanes);
  const noun = threads === 1 ? 'thread' : 'threads';
  const shape = lanes.every((lane) => lane === widest)
    ? `${threads} ${noun} × ${widest}`
    : `${threads} ${noun} × ${lanes.join('/')}`;
  return {
    threads,
    lanes,
    chunkSize: chunkRule(threads, widest),
    description: `${shape} in flight, ${describeChunks(threads, widest)}`,
  };
}

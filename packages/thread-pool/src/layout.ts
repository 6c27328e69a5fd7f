import { availableParallelism } from 'node:os';

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

/** Splits `total` into `parts` near-equal positive integers (sum = total). */
export function spread(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.floor(total / parts) + (index < total % parts ? 1 : 0));
}

// Chunks: a few per thread so a slow chunk does not hold the batch's end, at least 4 × lanes so every lane
// stays busy through most of a chunk, and at most this many jobs per message.
const MAX_CHUNK = 1024;

function chunkRule(threads: number, lanes: number): (jobs: number) => number {
  return (jobs) => Math.max(1, Math.min(MAX_CHUNK, Math.max(4 * lanes, Math.ceil(jobs / (4 * threads)))));
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
    description: `${concurrency} threads × 1 in flight, chunks of max(4, jobs ÷ ${4 * concurrency}) ≤ ${MAX_CHUNK} jobs`,
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
    description: `${shape} in flight, chunks of max(${4 * widest}, jobs ÷ ${4 * threads}) ≤ ${MAX_CHUNK} jobs`,
  };
}

import { freemem } from 'node:os';

/**
 * Each worker thread is a V8 isolate with its own heap and event loop: about 24 MiB each on a 2-core machine
 * (docs/results.md's seed run: 109 MiB at W = 1, 2.4 GiB at W = 100, so 23.7 MiB a thread), and 90–290 ms each to
 * start (quiet and loaded machine). Past this many threads the pool costs more than it can buy on a small machine;
 * the harness lists such points as skipped with this reason instead of starting them.
 */
export const DEFAULT_MAX_THREADS = 128;
/** The measured cost per thread (above), rounded to whole MiB: in the skip reason and the free-memory check. */
export const BYTES_PER_THREAD = 24 * 1024 * 1024;

export function maxThreads(): number {
  const fromEnv = Number(process.env.FANOUT_MAX_THREADS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_MAX_THREADS;
}

/** Why `threads` cannot be started here, or undefined when it can. */
export function refuseThreads(threads: number): string | undefined {
  const cap = maxThreads();
  if (threads > cap) {
    return `${threads} worker threads exceed the cap of ${cap} (about ${BYTES_PER_THREAD / 2 ** 20} MiB and a slow start each; raise with FANOUT_MAX_THREADS)`;
  }
  const needed = threads * BYTES_PER_THREAD;
  if (needed > freemem() / 2) {
    return `${threads} worker threads need about ${Math.round(needed / 2 ** 20)} MiB, more than half the free memory`;
  }
  return undefined;
}

/**
 * How a pool of workers (threads or processes) shares W jobs in flight: shared
 * by every pool strategy, so "2 × 25, chunks of …" means the same everywhere.
 */

/** Splits `total` into `parts` near-equal positive integers (sum = total). */
export function spread(total: number, parts: number): number[] {
  return Array.from({ length: parts }, (_, index) => Math.floor(total / parts) + (index < total % parts ? 1 : 0));
}

/** The most jobs one message carries. */
export const MAX_CHUNK = 1024;

/**
 * Jobs per message for `workers` workers running up to `lanes` jobs each: a
 * few chunks per worker (so one slow chunk does not hold the batch's end), at
 * least 4 × lanes (so every lane stays busy through most of a chunk), at most
 * MAX_CHUNK. With several workers, never more than jobs ÷ (2 × workers): every
 * worker then gets at least two chunks, so a small batch is not split into
 * fewer chunks than there are workers to share them evenly (24 cpu jobs on two
 * processes in chunks of 8 gave one process 16 jobs, the other 8: 1.5× instead
 * of 1.9× sequential). That cap never goes below min(lanes, jobs ÷ workers):
 * a worker has one chunk out at a time, so a smaller chunk would hold it below
 * its lanes (the seed's 200 jobs at W = 500 on two processes ran 100 in flight,
 * not 200, in chunks of 50).
 */
export function chunkRule(workers: number, lanes: number): (jobs: number) => number {
  return (jobs) => {
    const size = Math.max(4 * lanes, Math.ceil(jobs / (4 * workers)));
    const fill = Math.min(lanes, Math.ceil(jobs / workers));
    const even = workers > 1 ? Math.min(size, Math.max(fill, Math.ceil(jobs / (2 * workers)))) : size;
    return Math.max(1, Math.min(MAX_CHUNK, even));
  };
}

/** The rule in words, for a point's `configuration`. */
export function describeChunks(workers: number, lanes: number): string {
  const even = workers > 1 ? `, at most max(jobs ÷ ${2 * workers}, min(${lanes}, jobs ÷ ${workers}))` : '';
  return `chunks of max(${4 * lanes}, jobs ÷ ${4 * workers})${even} ≤ ${MAX_CHUNK} jobs`;
}

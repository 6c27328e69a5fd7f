import type { Job, JobResult, JobSuccess } from '../contract.js';

/**
 * A batch's results while it runs. The common answer, a plain success (status, bytes, its timing and attempts, no
 * wire bytes, protocol or value), is five numbers in one Float64Array; anything else (a failure, a mixed or cpu job,
 * an encoded body) is kept as the result object it already is. The objects of the plain answers are made at the
 * end, in job order, by `results()`.
 *
 * Why: a batch's results live until the batch ends, so a result made as its job finished survived the scavenges of
 * the rest of the batch and was promoted: 20,000 objects a batch (~2.4 MB with their boxed times) that filled the
 * old generation, so a mark-compact fell in every batch or two and made that batch 5-25% slower than the others
 * (docs/performance.md, "Same point, same cost"). Numbers in a typed array are not objects to copy or promote, and
 * results made at the end are handed over young and die young.
 */
export interface ResultTable {
  /** Records job `index` as a plain success. */
  plain(index: number, status: number, bytes: number, startMs: number, endMs: number, attempts: number): void;
  /** Records job `index` as this result (anything that is not a plain success). */
  keep(index: number, result: JobResult): void;
  /** One result per job, in job order (ids from `jobs`, the batch this table was made for). */
  results(jobs: readonly Job[]): JobResult[];
}

/**
 * A plain success made by `new`, not as an object literal: the batch's results are made together at its end and all
 * survive any scavenge that falls among them, which is what makes V8 pretenure a literal's allocation site (see
 * CountingHandler in undici-transport.ts); an object made by a class constructor carries no allocation site.
 */
class PlainSuccess implements JobSuccess {
  readonly ok = true;
  readonly id: number;
  readonly status: number;
  readonly bytes: number;
  readonly startMs: number;
  readonly endMs: number;
  readonly attempts: number;

  constructor(id: number, status: number, bytes: number, startMs: number, endMs: number, attempts: number) {
    this.id = id;
    this.status = status;
    this.bytes = bytes;
    this.startMs = startMs;
    this.endMs = endMs;
    this.attempts = attempts;
  }
}

// Column offsets of one job's row.
const STATUS = 0;
const BYTES = 1;
const START = 2;
const END = 3;
const ATTEMPTS = 4;
const WIDTH = 5;

export function createResultTable(size: number): ResultTable {
  // Off the JS heap (an ArrayBuffer's store): nothing in it is scanned, copied or promoted by a collection.
  const rows = new Float64Array(size * WIDTH);
  // Made at the first result that is not plain: a batch of plain successes never needs it.
  let kept: (JobResult | undefined)[] | undefined;
  return {
    plain(index, status, bytes, startMs, endMs, attempts) {
      const row = index * WIDTH;
      rows[row + STATUS] = status;
      rows[row + BYTES] = bytes;
      rows[row + START] = startMs;
      rows[row + END] = endMs;
      rows[row + ATTEMPTS] = attempts;
    },
    keep(index, result) {
      kept ??= new Array<JobResult | undefined>(size);
      kept[index] = result;
    },
    results(jobs) {
      if (jobs.length !== size) throw new RangeError(`a table of ${size} results read for ${jobs.length} jobs`);
      const results = new Array<JobResult>(size);
      for (let index = 0, row = 0; index < size; index++, row += WIDTH) {
        const other = kept?.[index];
        if (other !== undefined) {
          results[index] = other;
          continue;
        }
        const id = (jobs[index] as Job).id;
        const attempts = rows[row + ATTEMPTS] as number;
        // Every job the runner ends is written once, plain or kept, and a plain one made at least one attempt: a row
        // with none was never written, a bug to name rather than a success to invent.
        if (attempts === 0) throw new Error(`job ${id} ended without a result`);
        results[index] = new PlainSuccess(
          id,
          rows[row + STATUS] as number,
          rows[row + BYTES] as number,
          rows[row + START] as number,
          rows[row + END] as number,
          attempts,
        );
      }
      return results;
    },
  };
}

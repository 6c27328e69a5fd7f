import { roundOf } from './repeat.js';
import type { MeasuredRecord } from './schema.js';
import type { Round } from './schema-parts.js';

/**
 * Ratios between records of the same run (a point and a peer, at the same W) taken round by round, so each side is
 * compared with what the other did in the same minute of the machine, never with its own median round chosen apart.
 */
export interface PairedRatio {
  /** Each round's ratio, by round index; null where a side did not measure that round. */
  readonly perRound: readonly (number | null)[];
  /** Median of the paired ratios (the mean of the middle two for an even count). */
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Rounds that paired. */
  readonly paired: number;
  /** At least two rounds paired and their range crosses 1: this run cannot tell the two apart. */
  readonly parityWithinNoise: boolean;
}

/** Every round of a record by index; a single-round record is its own one round. */
export function roundsOf(record: MeasuredRecord): readonly (Round | null)[] {
  return record.rounds ?? [roundOf(record)];
}

/** The median, range and parity of per-round ratios; undefined when no round paired. */
export function summariseRounds(perRound: readonly (number | null)[]): PairedRatio | undefined {
  const ratios = perRound.filter((ratio): ratio is number => ratio !== null).sort((x, y) => x - y);
  if (ratios.length === 0) return undefined;
  const middle = Math.floor(ratios.length / 2);
  const median =
    ratios.length % 2 === 1
      ? (ratios[middle] as number)
      : ((ratios[middle - 1] as number) + (ratios[middle] as number)) / 2;
  const min = ratios[0] as number;
  const max = ratios.at(-1) as number;
  const parityWithinNoise = ratios.length >= 2 && min <= 1 && max >= 1;
  return { perRound, median, min, max, paired: ratios.length, parityWithinNoise };
}

/** A figure of one round of one record; undefined where the round lacks it. */
type RoundFigure = (round: Round, record: MeasuredRecord) => number | undefined;

/**
 * `figure(a) ÷ best figure(b)` per round, where best is the largest among `bs` in that round (one record: itself).
 * When one record has rounds and another does not, only round 0 pairs.
 */
function paired(a: MeasuredRecord, bs: readonly MeasuredRecord[], figure: RoundFigure): PairedRatio | undefined {
  const length = Math.max(roundsOf(a).length, ...bs.map((b) => roundsOf(b).length));
  const perRound = Array.from({ length }, (_, i) => {
    const ra = roundsOf(a)[i];
    const x = ra ? figure(ra, a) : undefined;
    const ys = bs.flatMap((b) => {
      const rb = roundsOf(b)[i];
      const y = rb ? figure(rb, b) : undefined;
      return y !== undefined && y > 0 ? [y] : [];
    });
    return x !== undefined && ys.length > 0 ? x / Math.max(...ys) : null;
  });
  return summariseRounds(perRound);
}

/**
 * Requests per second of a round, over its median batch when every record compared has medians (robust to one
 * batch the machine slowed down), else over its mean: both sides of a ratio always use the same statistic.
 */
function rateOf(records: readonly MeasuredRecord[]): RoundFigure {
  const median = records.every((record) => roundsOf(record).every((r) => r === null || r.medianBatchMs !== undefined));
  return (round, record) => {
    const ms = median ? round.medianBatchMs : round.meanBatchMs;
    return ms !== undefined && ms > 0 ? (record.jobs * 1000) / ms : undefined;
  };
}

/** a's req/s ÷ the fastest of `bs` in the same round, per round. */
export function rateRatio(a: MeasuredRecord, bs: readonly MeasuredRecord[]): PairedRatio | undefined {
  return paired(a, bs, rateOf([a, ...bs]));
}

/** a's CPU per request ÷ b's, per round; undefined where either side did not measure its CPU. */
export function cpuRatio(a: MeasuredRecord, b: MeasuredRecord): PairedRatio | undefined {
  return paired(a, [b], (round, record) =>
    round.cpuMsPerBatch !== undefined && record.jobs > 0 ? round.cpuMsPerBatch / record.jobs : undefined,
  );
}

/** Requests per second over the kept round's median batch (its mean where an older record has no median). */
export function medianRate(record: MeasuredRecord): number {
  const ms = record.medianBatchMs;
  return ms !== undefined && ms > 0 ? (record.jobs * 1000) / ms : record.requestsPerSecond;
}

import { type CompletedRun, isSkipped, type Report, type RunRecord } from '../model/schema.js';
import { UsageError } from '../usage-error.js';
import { settingDifferences } from './settings.js';

/** 'unknown': one side has fewer than two batches, so its spread (and any verdict) is not known. */
export type Verdict = 'faster' | 'slower' | 'same' | 'unknown';

export interface CompareOptions {
  /** B must be more than this much slower than A (in percent) for a slowdown beyond noise to count as a regression. */
  thresholdPercent: number;
}

export interface MatchedPoint {
  strategy: string;
  concurrency: number;
  a: CompletedRun;
  b: CompletedRun;
  /** b.meanBatchMs / a.meanBatchMs: above 1 means B is slower. */
  ratio: number;
  /** The two 95% intervals, meanBatchMs ± meanBatchMs × rme / 100, do not overlap. */
  beyondNoise: boolean;
  /** 'same' whenever the difference is within noise, however large the ratio. */
  verdict: Verdict;
  /** Slower beyond noise and by more than the threshold. */
  regressed: boolean;
}

export interface UnmatchedPoint {
  strategy: string;
  concurrency: number;
  reason: string;
  /** Ran in A but not in B (skipped, broken or missing): a regression, not a detail. */
  lost: boolean;
}

export interface Comparison {
  thresholdPercent: number;
  /** In A's run order, then B's points that A lacks go to `unmatched`. */
  matched: MatchedPoint[];
  unmatched: UnmatchedPoint[];
  /** Settings that differ between the reports: their numbers are then not like for like. */
  differences: string[];
}

/** Matches the runs of two reports by (strategy, concurrency) and judges each pair against the noise. */
export function compareReports(a: Report, b: Report, options: CompareOptions): Comparison {
  const { thresholdPercent } = options;
  if (!Number.isFinite(thresholdPercent) || thresholdPercent < 0) {
    throw new UsageError(`threshold must be a percentage of 0 or more, got ${thresholdPercent}`);
  }
  const inB = new Map(b.runs.map((run) => [key(run), run]));
  const inA = new Set(a.runs.map(key));
  const matched: MatchedPoint[] = [];
  const unmatched: UnmatchedPoint[] = [];
  const miss = (run: RunRecord, reason: string, lost = false) =>
    unmatched.push({ strategy: run.strategy, concurrency: run.concurrency, reason, lost });

  for (const runA of a.runs) {
    const runB = inB.get(key(runA));
    if (!runB) miss(runA, 'only in A', !isSkipped(runA));
    else if (isSkipped(runA) && isSkipped(runB)) miss(runA, `skipped in both (A: ${runA.skipped})`);
    else if (isSkipped(runA)) miss(runA, `skipped in A: ${runA.skipped}`);
    else if (isSkipped(runB)) miss(runA, `skipped in B: ${runB.skipped}`, true);
    else matched.push(judge(runA, runB, thresholdPercent));
  }
  for (const runB of b.runs) if (!inA.has(key(runB))) miss(runB, 'only in B');
  return { thresholdPercent, matched, unmatched, differences: settingDifferences(a, b) };
}

/**
 * The exit-code rule: a point slower beyond noise and threshold, a point that
 * lost jobs it used to complete, or a point A ran that B did not.
 */
export function hasRegression(comparison: Comparison): boolean {
  return (
    comparison.matched.some((point) => point.regressed || point.b.worstBatch.failed > point.a.worstBatch.failed) ||
    comparison.unmatched.some((point) => point.lost)
  );
}

function key(run: RunRecord): string {
  // JSON keeps the key unambiguous whatever characters a strategy name holds.
  return JSON.stringify([run.strategy, run.concurrency]);
}

function judge(a: CompletedRun, b: CompletedRun, thresholdPercent: number): MatchedPoint {
  // Two zero times are equal; a zero A against a positive B is infinitely slower.
  const ratio = a.meanBatchMs === b.meanBatchMs ? 1 : b.meanBatchMs / a.meanBatchMs;
  const known = a.rme !== null && b.rme !== null;
  const [aLow, aHigh] = interval(a.meanBatchMs, a.rme ?? 0);
  const [bLow, bHigh] = interval(b.meanBatchMs, b.rme ?? 0);
  const beyondNoise = known && (bLow > aHigh || bHigh < aLow);
  const verdict: Verdict = !known
    ? 'unknown'
    : !beyondNoise
      ? 'same'
      : b.meanBatchMs > a.meanBatchMs
        ? 'slower'
        : 'faster';
  return {
    strategy: a.strategy,
    concurrency: a.concurrency,
    a,
    b,
    ratio,
    beyondNoise,
    verdict,
    regressed: verdict === 'slower' && ratio > 1 + thresholdPercent / 100,
  };
}

function interval(meanMs: number, rme: number): [number, number] {
  const margin = (meanMs * rme) / 100;
  return [meanMs - margin, meanMs + margin];
}

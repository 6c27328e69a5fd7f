import Table from 'cli-table3';
import { formatMs, formatRme } from '../format.js';
import { oneLine } from '../model/one-line.js';
import type { CompletedRun } from '../model/schema.js';
import { type Comparison, hasRegression, type MatchedPoint } from './compare.js';

const HEAD = ['strategy', 'W', 'A batch time', 'B batch time', 'B / A', 'verdict'];

/**
 * The comparison for a terminal: one aligned row per matched point, then the points that could not be compared,
 * the settings that differ, and a one-line summary. Strategy names and skip reasons come from report files, so
 * they are flattened to one line without control characters (no terminal escape sequences).
 */
export function renderComparison(comparison: Comparison): string {
  const table = new Table({
    head: HEAD,
    style: { head: [], border: [], compact: true },
    colAligns: ['left', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const point of comparison.matched) {
    table.push([
      oneLine(point.strategy),
      point.concurrency,
      time(point.a),
      time(point.b),
      ratio(point.ratio),
      verdict(point),
    ]);
  }
  const lines = comparison.matched.length > 0 ? [table.toString()] : ['no point ran in both reports'];
  if (comparison.unmatched.length > 0) {
    lines.push('not compared:');
    for (const point of comparison.unmatched) {
      lines.push(`  ${oneLine(point.strategy)} at W = ${point.concurrency}: ${oneLine(point.reason)}`);
    }
  }
  if (comparison.differences.length > 0) {
    lines.push('settings differ, so the numbers are not like for like:');
    for (const difference of comparison.differences) lines.push(`  ${oneLine(difference)}`);
  }
  lines.push(summary(comparison));
  return lines.join('\n');
}

function time(run: CompletedRun): string {
  return `${formatMs(run.meanBatchMs)} ${formatRme(run.rme)}`;
}

function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : '∞';
}

function verdict(point: MatchedPoint): string {
  if (point.regressed) return 'slower: REGRESSED';
  // Spell out that a large ratio within noise is not a finding, so nobody reads the ratio column alone.
  if (point.verdict === 'unknown') return 'unknown (spread n/a: under two batches)';
  return point.verdict === 'same' && point.ratio !== 1 ? 'same (within noise)' : point.verdict;
}

function summary(comparison: Comparison): string {
  const count = (wanted: string) => comparison.matched.filter((point) => point.verdict === wanted).length;
  const regressed = comparison.matched.filter((point) => point.regressed).length;
  const counts = `${comparison.matched.length} compared: ${count('faster')} faster, ${count('slower')} slower, ${count('same')} same${count('unknown') > 0 ? `, ${count('unknown')} unknown` : ''}`;
  return hasRegression(comparison)
    ? `${counts}; ${regressed} regressed by more than ${comparison.thresholdPercent}%`
    : `${counts}; no regression beyond ${comparison.thresholdPercent}%`;
}

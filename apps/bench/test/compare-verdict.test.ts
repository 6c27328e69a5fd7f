import { describe, expect, it } from 'vitest';
import { compareReports, hasRegression, renderComparison } from '../src/compare/index.js';
import { UsageError } from '../src/usage-error.js';
import { completed, makeReport, skipped, sweepReport } from './report-fixture.js';

const options = { thresholdPercent: 10 };

describe('compareReports', () => {
  it('finds identical reports all the same and no regression', () => {
    const comparison = compareReports(sweepReport(), sweepReport(), options);
    expect(comparison.matched).toHaveLength(7);
    expect(comparison.matched.every((point) => point.verdict === 'same' && point.ratio === 1)).toBe(true);
    expect(hasRegression(comparison)).toBe(false);
    expect(comparison.differences).toEqual([]);
  });

  it('flags a 30% slowdown with tight margins as a regression', () => {
    const comparison = compareReports(
      makeReport([completed('async', 10, 100, 2)]),
      makeReport([completed('async', 10, 130, 2)]),
      options,
    );
    expect(comparison.matched[0]).toMatchObject({ ratio: 1.3, beyondNoise: true, verdict: 'slower', regressed: true });
    expect(hasRegression(comparison)).toBe(true);
  });

  it('calls a slowdown within the margins of error the same', () => {
    // 100 ± 40 and 130 ± 52 overlap: the runs cannot tell the two apart.
    const comparison = compareReports(
      makeReport([completed('async', 10, 100, 40)]),
      makeReport([completed('async', 10, 130, 40)]),
      options,
    );
    expect(comparison.matched[0]).toMatchObject({ ratio: 1.3, beyondNoise: false, verdict: 'same', regressed: false });
    expect(hasRegression(comparison)).toBe(false);
  });

  it('says "unknown", not "same", when a side has one batch (spread unknown), and never calls it a regression', () => {
    const a = makeReport([{ ...completed('async', 1, 100), samples: 1, rme: null }]);
    const b = makeReport([completed('async', 1, 300, 1)]);
    const comparison = compareReports(a, b, { thresholdPercent: 10 });
    expect(comparison.matched[0]).toMatchObject({ verdict: 'unknown', beyondNoise: false, regressed: false });
    const text = renderComparison(comparison);
    expect(text).toContain('unknown (spread n/a: under two batches)');
    expect(text).toContain('100 ms n/a');
    expect(text).toContain('1 unknown');
  });

  it('judges the interval edges: touching intervals overlap', () => {
    // 100 + 10% = 110 and 122.22… − 10% = 110: they touch, so it is noise.
    const touching = compareReports(
      makeReport([completed('a', 1, 100, 10)]),
      makeReport([completed('a', 1, 110 / 0.9, 10)]),
      options,
    );
    expect(touching.matched[0]?.verdict).toBe('same');
    const apart = compareReports(
      makeReport([completed('a', 1, 100, 10)]),
      makeReport([completed('a', 1, 111 / 0.9, 10)]),
      options,
    );
    expect(apart.matched[0]?.verdict).toBe('slower');
  });

  it('only counts a slowdown beyond noise as a regression when it exceeds the threshold', () => {
    const a = makeReport([completed('async', 10, 100, 1)]);
    const b = makeReport([completed('async', 10, 115, 1)]);
    expect(compareReports(a, b, { thresholdPercent: 10 }).matched[0]).toMatchObject({
      verdict: 'slower',
      regressed: true,
    });
    expect(compareReports(a, b, { thresholdPercent: 20 }).matched[0]).toMatchObject({
      verdict: 'slower',
      regressed: false,
    });
    expect(hasRegression(compareReports(a, b, { thresholdPercent: 20 }))).toBe(false);
    // Faster is never a regression, however large the change.
    expect(compareReports(b, a, { thresholdPercent: 0 }).matched[0]).toMatchObject({
      verdict: 'faster',
      regressed: false,
    });
  });

  it('lists points it cannot compare, with the reason', () => {
    const a = makeReport([
      completed('async', 1, 100),
      completed('async', 10, 20),
      skipped('sequential', 10, 'one at a time'),
    ]);
    const b = makeReport([
      completed('async', 1, 100),
      completed('sequential', 10, 50),
      completed('thread-pool', 1, 90),
    ]);
    const comparison = compareReports(a, b, options);
    expect(comparison.matched.map((point) => `${point.strategy}@${point.concurrency}`)).toEqual(['async@1']);
    expect(comparison.unmatched).toEqual([
      { strategy: 'async', concurrency: 10, reason: 'only in A', lost: true },
      { strategy: 'sequential', concurrency: 10, reason: 'skipped in A: one at a time', lost: false },
      { strategy: 'thread-pool', concurrency: 1, reason: 'only in B', lost: false },
    ]);
    // A point that ran in A and not in B is a regression, whatever the timings.
    expect(hasRegression(comparison)).toBe(true);
  });

  it('notes settings that make the numbers not like for like', () => {
    const a = sweepReport();
    const b = { ...sweepReport(), settings: { ...a.settings, jobs: 200 } };
    expect(compareReports(a, b, options).differences).toEqual(['jobs: 100 in A, 200 in B']);
  });

  it('rejects a negative threshold', () => {
    expect(() => compareReports(sweepReport(), sweepReport(), { thresholdPercent: -1 })).toThrow(UsageError);
  });
});

describe('renderComparison', () => {
  it('prints an aligned row per point, the unmatched points and a summary', () => {
    const a = makeReport([completed('async', 10, 100, 2), completed('sequential', 1, 500, 1), completed('x', 2, 9)]);
    const b = makeReport([completed('async', 10, 130, 2), completed('sequential', 1, 505, 5)]);
    const text = renderComparison(compareReports(a, b, options));
    const lines = text.split('\n');
    expect(lines[1]).toMatch(/strategy\s+.*W .*A batch time .*B batch time .*B \/ A .*verdict/);
    expect(text).toMatch(/async\s+│\s+10 │\s+100 ms ±2\.0% │\s+130 ms ±2\.0% │ 1\.30× │ slower: REGRESSED/);
    expect(text).toMatch(/sequential\s+│\s+1 │\s+500 ms ±1\.0% │\s+505 ms ±5\.0% │ 1\.01× │ same \(within noise\)/);
    expect(text).toContain('  x at W = 2: only in A');
    expect(lines.at(-1)).toBe('2 compared: 0 faster, 1 slower, 1 same; 1 regressed by more than 10%');
    // Every table line is as wide as the header: the columns line up.
    const table = lines.filter((line) => /^[┌│├└]/.test(line));
    expect(new Set(table.map((line) => line.length)).size).toBe(1);
  });

  it('strips terminal escape sequences from names', () => {
    const a = makeReport([completed('evil\u001b[2J\nname', 1, 100)]);
    const text = renderComparison(compareReports(a, a, options));
    expect(text).not.toContain('\u001b');
    expect(text).toContain('evil[2J name');
  });
});

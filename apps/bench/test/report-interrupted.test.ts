import { describe, expect, it } from 'vitest';
import { compareReports } from '../src/compare/index.js';
import { type InterruptedRun, isInterrupted, isSkipped, reportSchema } from '../src/model/schema.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderTable } from '../src/report/table.js';
import { completed, makeReport } from './report-fixture.js';

const cut: InterruptedRun = {
  strategy: 'async',
  concurrency: 10,
  jobs: 100,
  skipped: 'interrupted after 1,234 of 5,000 timed jobs',
  interrupted: true,
  completedJobs: 1234,
  completedBatches: 12,
  succeeded: 1230,
  failed: 4,
  errors: { TIMEOUT: 3, CONNECTION_RESET: 1 },
  latencyMs: { p50: 5.1, p90: 6, p99: 9, max: 12 },
  baselineRssBytes: 60 * 2 ** 20,
};

describe('the point running at Ctrl-C, in the report', () => {
  const report = makeReport([completed('async', 1, 640), cut], { interrupted: true });

  it('keeps every field through the schema, and reads as a point without a batch time', () => {
    const parsed = reportSchema.parse(JSON.parse(JSON.stringify(report)));
    expect(parsed.runs[1]).toEqual(cut);
    const run = parsed.runs[1];
    expect(run && isInterrupted(run) && isSkipped(run)).toBe(true);
    expect(parsed.runs[0] && isInterrupted(parsed.runs[0])).toBe(false);
  });

  it('is shown with what it completed in the table and in report.md', () => {
    const line =
      'interrupted after 1,234 of 5,000 timed jobs: 1230 ok, 4 failed (CONNECTION_RESET 1, TIMEOUT 3), p50 5.10 ms, p99 9.00 ms';
    expect(renderTable(report)).toContain(line);
    expect(renderTable(report)).not.toMatch(/skipped \[1\]/);
    // A terminal too narrow for the line gets a numbered note instead, so the table does not wrap.
    const narrow = renderTable(report, { maxWidth: 100 });
    expect(narrow).toMatch(/│ interrupted \[1\] +│/);
    expect(narrow).toContain(`[1] ${line}`);
    expect(
      Math.max(
        ...narrow
          .split('\n')
          .filter((row) => row.startsWith('│'))
          .map((row) => row.length),
      ),
    ).toBeLessThanOrEqual(100);
    const markdown = renderMarkdown(report);
    const escaped = line.replace('_', '\\_');
    // In the batch-time table (with the reason), in the derived ones (a word), and in the detail table.
    expect(markdown).toContain(`| 10 | ${escaped} |`);
    expect(markdown).toContain('| 10 | interrupted |');
    expect(markdown).toContain(`| async | 10 | 100 | ${escaped} |`);
    expect(markdown).toContain('**Interrupted: the point that was running is listed with the jobs it completed');
  });

  it('is not compared as a measurement', () => {
    const comparison = compareReports(report, makeReport([completed('async', 1, 640), completed('async', 10, 90)]), {
      thresholdPercent: 10,
    });
    expect(comparison.matched.map((point) => point.concurrency)).toEqual([1]);
    expect(comparison.unmatched).toEqual([
      {
        strategy: 'async',
        concurrency: 10,
        reason: 'skipped in A: interrupted after 1,234 of 5,000 timed jobs',
        lost: false,
      },
    ]);
  });
});

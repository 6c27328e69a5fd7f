import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSkipped } from '../src/model/schema.js';
import { viewOf } from '../src/report/view/build.js';
import { quickReport } from './report-fixture.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');

/** The cells of one table line (`│ a │ b │`), trimmed. */
const cells = (line: string) =>
  line
    .split('│')
    .slice(1, -1)
    .map((cell) => cell.trim());

/** README's sample of `pnpm bench`: the first code block that holds a table with a strategy column. */
function sampleTable(): string[] {
  const blocks = README.split('```').filter((_, i) => i % 2 === 1);
  const block = blocks.find((text) => /^│ strategy /m.test(text)) ?? '';
  return block.split('\n').filter((line) => line.startsWith('│'));
}

/** The quick profile's report with what every real quick run also has: the embedded server's counters over HTTP/1.1. */
function quickRun() {
  const report = quickReport();
  const server = { requests: 1000, maxInFlight: 1, connections: 1, protocol: 'http/1.1' as const };
  return { ...report, runs: report.runs.map((run) => (isSkipped(run) ? run : { ...run, server })) };
}

describe("README's sample table", () => {
  it('has the columns `pnpm bench` prints (rerun `pnpm bench > table.txt` under `machine quiet` to refresh it)', () => {
    // The quick profile: a calibration (both efficiency columns), the sequential baseline (× seq), one round, the
    // embedded server's counters (proto, conns, srv max).
    const [head] = sampleTable();
    expect(cells(head ?? '')).toEqual(viewOf(quickRun()).columns.map((column) => column.head));
  });

  it('has a cell per column on every measured row', () => {
    const [head, ...rows] = sampleTable();
    const width = cells(head ?? '').length;
    for (const row of rows.filter((line) => !/skipped \[\d+\]|interrupted/.test(line))) {
      expect(cells(row), row).toHaveLength(width);
    }
  });
});

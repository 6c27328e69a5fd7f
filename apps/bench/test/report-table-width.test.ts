import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTable, stdoutTableWidth } from '../src/report/table.js';
import { viewOf } from '../src/report/view/build.js';
import { CLI, tempDir } from './cli-helper.js';
import { quickReport } from './report-fixture.js';

/** The table's own lines (borders and rows), not the notes under it. */
const tableLines = (text: string) => text.split(/\r?\n/).filter((line) => /^[┌│├└]/.test(line));
const widest = (text: string) => Math.max(...tableLines(text).map((line) => Array.from(line).length));
const heads = (text: string) =>
  (tableLines(text)[1] ?? '')
    .split('│')
    .map((cell) => cell.trim())
    .filter(Boolean);

const ESSENTIAL = ['strategy', 'W', 'ok', 'failed', 'batch time', 'eff. lat', 'eff. cap', 'req/s', 'CPU/req', '× seq'];

describe('the terminal table', () => {
  const report = quickReport();

  it('has every column without a width (a pipe, a file, --wide)', () => {
    const text = renderTable(report);
    expect(heads(text)).toEqual(viewOf(report).columns.map((column) => column.head));
    expect(widest(text)).toBeGreaterThan(120);
    expect(text).not.toContain('not shown');
  });

  it('fits a 120-column terminal with the essential columns, and says in one line what it left out', () => {
    const text = renderTable(report, { maxWidth: 120 });
    expect(widest(text)).toBeLessThanOrEqual(120);
    expect(heads(text).slice(0, ESSENTIAL.length)).toEqual(ESSENTIAL);
    // Dropped in the stated order: start-up first, then peak RSS, CPU/batch, p50, jobs.
    expect(text).toContain("not shown for the terminal's width: start-up, peak RSS, CPU/batch, p50, jobs");
    expect(text.split('\n').filter((line) => line.startsWith('not shown'))).toHaveLength(1);
  });

  it('drops columns only as far as needed, and never an essential one', () => {
    for (const width of [80, 100, 140, 160, 180]) {
      const text = renderTable(report, { maxWidth: width });
      expect(
        heads(text).filter((head) => ESSENTIAL.includes(head)),
        `${width}`,
      ).toEqual(ESSENTIAL);
      const kept = heads(text).length;
      if (kept > ESSENTIAL.length) expect(widest(text), `${width}`).toBeLessThanOrEqual(width);
    }
    expect(heads(renderTable(report, { maxWidth: 160 })).length).toBeGreaterThan(
      heads(renderTable(report, { maxWidth: 120 })).length,
    );
  });

  it('keeps control characters and line breaks of outside text out of the terminal', () => {
    const hostile = 'evil\u001b[31m\nname\u0007';
    const [first, ...rest] = report.runs;
    if (!first || 'skipped' in first) throw new Error('a completed run expected');
    const text = renderTable({
      ...report,
      runs: [
        { ...first, strategy: hostile, worstBatch: { ...first.worstBatch, errors: { 'A\u001b]0;x\u0007': 1 } } },
        ...rest,
      ],
    });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(text).toContain('│ evil[31m name ');
    expect(tableLines(text)).toHaveLength(tableLines(renderTable(report)).length);
  });

  it('fits the terminal only on a TTY without --wide', () => {
    const tty = { isTTY: true, columns: 120 } as NodeJS.WriteStream;
    expect(stdoutTableWidth(undefined, tty)).toBe(120);
    expect(stdoutTableWidth(true, tty)).toBeUndefined();
    expect(stdoutTableWidth(undefined, { isTTY: false } as NodeJS.WriteStream)).toBeUndefined();
  });
});

/** `script` gives the command a real pseudo-terminal, sized by stty, as a 120-column terminal would be. */
function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const canPty = hasScript();
if (!canPty) console.warn('report-table-width: the pseudo-terminal test is skipped, no `script` (util-linux)');

describe.skipIf(!canPty)('fanout report on a 120-column terminal', () => {
  const dir = tempDir();
  const file = join(dir, 'report.json');
  writeFileSync(file, JSON.stringify(quickReport()));
  const onTerminal = (flags: string) =>
    execFileSync(
      'script',
      ['-qec', `stty cols 120 rows 40; ${process.execPath} ${CLI} report ${file} --out ${dir} ${flags}`, '/dev/null'],
      {
        encoding: 'utf8',
      },
    );

  it('prints a table that does not wrap, and every column with --wide', () => {
    const fitted = onTerminal('');
    expect(widest(fitted)).toBeLessThanOrEqual(120);
    expect(fitted).toContain("not shown for the terminal's width");
    // The same columns as a pipe gets (the cli-run tests read those).
    const wide = onTerminal('--wide');
    expect(widest(wide)).toBeGreaterThan(120);
    expect(heads(wide)).toEqual(viewOf(quickReport()).columns.map((column) => column.head));
  });
});

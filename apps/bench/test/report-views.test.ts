import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../src/report/escape.js';
import { renderHtml } from '../src/report/html.js';
import { escapeHtml } from '../src/report/html-escape.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderSweepSvg } from '../src/report/svg.js';
import { renderTable } from '../src/report/table.js';
import { viewOf } from '../src/report/view/build.js';
import { fullReport } from './report-fixture.js';

const regex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** What vega does to text in an SVG attribute or element. */
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

describe('the four renderings of one report', async () => {
  // Peers with rounds and CPU, a skipped peer, warnings on a point and on peers, a skipped and an interrupted point.
  const report = fullReport();
  const view = viewOf(report);
  const outputs = {
    table: renderTable(report),
    markdown: renderMarkdown(report),
    html: await renderHtml(report),
    svg: await renderSweepSvg(report),
  };

  it('are drawn from one view, built once', () => {
    expect(viewOf(report)).toBe(view);
    expect(view.rows.filter((row) => row.kind === 'peer').map((row) => row.state)).toEqual([
      'measured',
      'measured',
      'skipped',
    ]);
    expect(view.rows.map((row) => row.state)).toContain('interrupted');
    expect(view.warnings.map((warning) => warning.kind)).toContain('broken-bound');
    expect(view.warnings.map((warning) => warning.kind)).toContain('above-estimate');
  });

  it('show the same rows, points and peers, measured or not', () => {
    const tableRows = outputs.table.split('\n').filter((line) => /^│ /.test(line) && !line.startsWith('│ strategy '));
    // The detail table: the lines after its heading row and its rule, up to the blank line that ends it.
    const detail = outputs.markdown.slice(outputs.markdown.indexOf('| strategy |')).split('\n\n')[0] ?? '';
    const markdownRows = detail.split('\n').slice(2);
    const htmlRows = outputs.html
      .slice(outputs.html.indexOf('id="table-runs"'))
      .split('</table>')[0]
      ?.match(/<tr><td/g);
    expect(tableRows).toHaveLength(view.rows.length);
    expect(markdownRows).toHaveLength(view.rows.length);
    expect(htmlRows).toHaveLength(view.rows.length);
    for (const row of view.rows) {
      const w = `(${'◆'} )?${row.concurrency}`;
      expect(outputs.table, row.label).toMatch(new RegExp(`│ ${regex(row.label)} +│ +${w} │`));
      expect(outputs.markdown, row.label).toMatch(new RegExp(`\\| ${regex(escapeMarkdown(row.label))} \\| ${w} \\|`));
      expect(outputs.html, row.label).toMatch(
        new RegExp(`<td class="l">${regex(escapeHtml(row.label))}</td><td>${w}</td>`),
      );
      const drawn =
        row.state === 'measured'
          ? `W: ${row.concurrency}; ms: [\\d.]+; ${row.kind === 'peer' ? 'peer' : 'strategy'}: ${regex(escapeXml(row.label))}"`
          : `${regex(escapeXml(row.label))} at W = [\\d, ]*\\b${row.concurrency}\\b`;
      expect(outputs.svg, row.label).toMatch(new RegExp(drawn));
    }
  });

  it('say why a point or a peer did not run, in every rendering', () => {
    for (const row of view.rows) {
      if (row.state === 'measured') continue;
      expect(outputs.table).toContain(row.note);
      expect(outputs.markdown).toContain(escapeMarkdown(row.note));
      expect(outputs.html).toContain(escapeHtml(row.note));
      // The chart clips long lines; what it keeps is the start of the note.
      expect(outputs.svg).toContain(escapeXml(row.note.slice(0, 30)));
    }
  });

  it('give every warning, per figure, in every rendering', () => {
    expect(view.warnings).toHaveLength(6);
    for (const warning of view.warnings) {
      expect(outputs.table).toContain(`⚠ ${warning.text}`);
      expect(outputs.markdown).toContain(`- ⚠ ${escapeMarkdown(warning.text)}`);
      expect(outputs.html).toContain(`<li>⚠ ${escapeHtml(warning.text)}</li>`);
      expect(outputs.svg).toContain(escapeXml(`⚠ ${warning.short}`));
    }
    // The cells that carry them: the same count in the table and in both pages' detail tables.
    const marked = view.rows
      .flatMap((row) => (row.state === 'measured' ? Object.values(row.cells) : []))
      .filter((cell) => cell.warn);
    expect(marked).toHaveLength(view.warnings.length);
    expect(outputs.table.match(/% ⚠/g)).toHaveLength(marked.length);
    const detail = outputs.html.slice(outputs.html.indexOf('id="table-runs"')).split('</table>')[0] ?? '';
    expect(detail.match(/<td class="warn">/g)).toHaveLength(marked.length);
  });

  it('give the peers their paired ratios in the terminal and both pages', () => {
    const [section] = view.peers;
    const async = section?.rows.find((row) => row.name === 'async');
    expect(async?.overCeiling).toBe('1.06× (0.95–1.07; rounds 1.06, 0.95, 1.07; parity within noise)');
    for (const row of section?.rows ?? []) {
      expect(outputs.markdown).toContain(
        `| ${row.kind} | ${escapeMarkdown(row.name)} | ${row.rate} | ${row.overCeiling} |`,
      );
      expect(outputs.html).toContain(
        `<td class="l">${escapeHtml(row.name)}</td><td>${row.rate}</td><td>${row.overCeiling}</td>`,
      );
      if (row.summary) expect(outputs.table).toContain(row.summary);
    }
  });

  it('name the configurations and the knees in both pages', () => {
    for (const line of [...view.configurations, ...view.knees]) {
      expect(outputs.markdown).toContain(`- ${escapeMarkdown(line)}`);
      expect(outputs.html).toContain(`<li>${escapeHtml(line)}</li>`);
    }
  });
});

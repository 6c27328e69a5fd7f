import { describe, expect, it } from 'vitest';
import { annotateRuns } from '../src/model/figures.js';
import { escapeMarkdown } from '../src/report/escape.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { completed, makeReport, skipped, sweepReport } from './report-fixture.js';

/** The lines of the table that follows `heading`, header row included. */
function tableAfter(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line, i) => i > lines.indexOf(heading) && line.startsWith('|'));
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'));
  return lines.slice(start, end === -1 ? undefined : end);
}

/** Cells split on the pipes that Markdown treats as separators (not the escaped ones). */
function cells(row: string): string[] {
  return row
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((cell) => cell.trim());
}

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(sweepReport());

  it('states the environment and the settings', () => {
    for (const text of ['| Node | v20.20.0 |', '| CPUs | 2 × Test CPU @ 3.0GHz |', '| Memory | 24.00 GiB |']) {
      expect(markdown).toContain(text);
    }
    expect(markdown).toContain('| Started | 2025-01-02T03:04:05.000Z |');
    expect(markdown).toContain('| Profile | quick |');
    expect(markdown).toContain('| Jobs per batch | 100 |');
    expect(markdown).toContain('| Added latency per request | 5.00 ms |');
    expect(markdown).toContain('| Response size | 16.0 KiB |');
    expect(markdown).toContain('| Target | embedded fixture server http://127.0.0.1:1234 |');
  });

  it('shows the sweep with one row per W, a column per strategy, skip reasons and knee markers', () => {
    const rows = tableAfter(markdown, '## Batch time by concurrency').map(cells);
    expect(rows[0]).toEqual(['W', 'async', 'sequential', 'thread-pool']);
    expect(rows.slice(2)).toEqual([
      ['1', '640 ms ±3.3%', '600 ms ±1.0%', '675 ms ±2.1%'],
      ['10', '87.0 ms ±9.4%', 'skipped: sequential runs at most 1 job(s) at a time', '100 ms ±12.9% ◆'],
      ['50', '34.0 ms ±23.2%', 'skipped: sequential runs at most 1 job(s) at a time', '150 ms ±52.9%'],
    ]);
    // async still falls beyond its margins at W = 50, the end of the grid: no knee there, said so.
    expect(markdown).toContain('- async: no knee within the grid');
    expect(markdown).toContain('- thread-pool: knee at W = 10');
    // sequential ran at W = 1 only: one point is no curve, so neither a knee nor "still falling".
    expect(markdown).toContain('- sequential: one point only (W = 1), no curve');
  });

  it('shows the stored floors and efficiencies (latency / capacity), and speed-up against W = 1', () => {
    const efficiency = tableAfter(markdown, '## Efficiency').map(cells);
    expect(efficiency[0]).toEqual(['W', 'latency / capacity floor', 'async', 'sequential', 'thread-pool']);
    // 100 jobs × 5 ms at W = 1 is 500 ms; async took 640 ms: 78.1%. No calibration in the fixture: no capacity floor.
    expect(efficiency[2]).toEqual(['1', '500 ms / –', '78.1% / –', '83.3% / –', '74.1% / –']);
    expect(efficiency[3]).toEqual(['10', '50.0 ms / –', '57.5% / –', 'skipped', '50.0% / –']);
    const speedup = tableAfter(markdown, '## Speed-up over W = 1').map(cells);
    expect(speedup[4]).toEqual(['50', '18.82×', 'skipped', '4.50×']);
  });

  it('lists every run in detail with failures per error code', () => {
    const failing = {
      ...completed('async', 4, 50),
      worstBatch: { succeeded: 95, failed: 5, bytes: 0, errors: { TIMEOUT: 3, HTTP_STATUS: 2 } },
    };
    const rows = tableAfter(renderMarkdown(makeReport([failing])), '## Runs in detail').map(cells);
    expect(rows[0]).toEqual('strategy|W|ok|failed|req/s|p50|p99|peak RSS|CPU / batch|start-up|failures'.split('|'));
    expect(rows[2]).toEqual([
      'async',
      '4',
      '95',
      '5',
      '2000',
      '5.20 ms',
      '7.50 ms',
      '100.0 MiB',
      '12.5 ms',
      '1.50 ms',
      'TIMEOUT 3, HTTP\\_STATUS 2',
    ]);
  });

  it('never makes the fastest point the bound: without stored floors there is no efficiency', () => {
    const output = renderMarkdown(makeReport([completed('async', 1, 100)]));
    expect(tableAfter(output, '## Efficiency').map(cells)[2]).toEqual(['1', '–', '– / –']);
    expect(output).toContain('no capacity floor (the target was not calibrated)');
  });

  it('shows a point that beat a floor as a calibration warning, capped at 100%', () => {
    const [run] = annotateRuns([completed('async', 10, 40)], {
      jobLatenciesMs: Array<number>(100).fill(5),
      calibration: {
        capacityRps: { median: 950, min: 900, max: 1000 },
        connections: 64,
        rounds: 3,
        minLatencyMs: {},
        durationMs: 1500,
      },
    });
    const output = renderMarkdown(makeReport(run ? [run] : []));
    expect(tableAfter(output, '## Efficiency').map(cells)[2]).toEqual(['10', '50.0 ms / 100 ms', '100.0% / 100.0% ⚠']);
    expect(output).toContain(
      '- ⚠ async at W = 10: faster than the latency floor 50.0 ms and the capacity floor 100.0 ms',
    );
  });

  it('shows unknown spread as n/a', () => {
    const output = renderMarkdown(makeReport([{ ...completed('async', 1, 100), samples: 1, rme: null }]));
    expect(tableAfter(output, '## Batch time by concurrency').map(cells)[2]).toEqual(['1', '100 ms n/a']);
  });

  it('keeps hostile names and reasons from breaking tables or injecting HTML', () => {
    const hostile = '<img src=x onerror=alert(1)>|*x*_y_`z`';
    const report = makeReport(
      [
        { ...completed(hostile, 1, 100), worstBatch: { failed: 1, succeeded: 99, bytes: 0, errors: { 'A|<b>': 1 } } },
        skipped(hostile, 2, 'line one\nline two | <script>alert(1)</script>'),
      ],
      { target: 'http://127.0.0.1/<script>|`x`' },
    );
    const output = renderMarkdown(report);
    expect(output).not.toMatch(/<img|<script|<b>/);
    expect(output).not.toContain('line one\nline two');
    for (const heading of ['## Batch time by concurrency', '## Runs in detail', '## Settings']) {
      const rows = tableAfter(output, heading).map(cells);
      expect(new Set(rows.map((row) => row.length)).size).toBe(1);
    }
    expect(output).toContain(escapeMarkdown(hostile));
    expect(output).toContain('skipped: line one line two \\| &lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('escapeMarkdown', () => {
  it('escapes what Markdown and HTML would interpret, and flattens line breaks', () => {
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
    expect(escapeMarkdown('`code` *em* _em_ [link](x) \\')).toBe('\\`code\\` \\*em\\* \\_em\\_ \\[link\\](x) \\\\');
    expect(escapeMarkdown('<b> & </b>')).toBe('&lt;b&gt; &amp; &lt;/b&gt;');
    expect(escapeMarkdown('one\r\ntwo\nthree\u0007')).toBe('one two three');
  });
});

describe('report.md beside the peers', () => {
  it('takes the ratios from the median batch, so one slow batch does not decide them', () => {
    // async: batches 100, 100, 100, 100, 300 ms (mean 140, median 100); the peer: 100 ms every time.
    const run = { ...completed('async', 50, 140), medianBatchMs: 100 };
    const peer = {
      strategy: 'undici-pool',
      concurrency: 50,
      jobs: 100,
      peer: true as const,
      measures: 'bare Pool',
      meanBatchMs: 100,
      medianBatchMs: 100,
      minMs: 100,
      maxMs: 100,
      rme: 0,
      samples: 5,
      requestsPerSecond: 1000,
    };
    const markdown = renderMarkdown(makeReport([run], { peers: [peer] }));
    expect(markdown).toContain('| strategy | async | 1000 | 1.00× | n/a |');
    // Without a median (an older report) the mean is used.
    const { medianBatchMs: _, ...older } = run;
    expect(renderMarkdown(makeReport([older], { peers: [peer] }))).toContain(
      '| strategy | async | 714 | 0.71× | n/a |',
    );
  });
});

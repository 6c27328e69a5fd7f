import { describe, expect, it } from 'vitest';
import { annotateRuns } from '../src/model/figures.js';
import { escapeMarkdown } from '../src/report/escape.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { calibrated, completed, fullReport, makeReport, peerRun, skipped, sweepReport } from './report-fixture.js';

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
    expect(efficiency[0]).toEqual(['W', 'latency floor / capacity estimate', 'async', 'sequential', 'thread-pool']);
    // 100 jobs × 5 ms at W = 1 is 500 ms; async took 640 ms: 78.1%. No calibration in the fixture: no capacity floor.
    expect(efficiency[2]).toEqual(['1', '500 ms / –', '78.1% / –', '83.3% / –', '74.1% / –']);
    expect(efficiency[3]).toEqual(['10', '50.0 ms / –', '57.5% / –', 'skipped', '50.0% / –']);
    const speedup = tableAfter(markdown, '## Speed-up over W = 1').map(cells);
    expect(speedup[4]).toEqual(['50', '18.82×', 'skipped', '4.50×']);
  });

  it('lists every run in detail, every column of the table, with failures per error code', () => {
    const failing = {
      ...completed('async', 4, 50),
      worstBatch: { succeeded: 95, failed: 5, bytes: 0, errors: { TIMEOUT: 3, HTTP_STATUS: 2 } },
    };
    const runs = annotateRuns([failing], { jobLatenciesMs: Array<number>(100).fill(5), calibration: undefined });
    const rows = tableAfter(renderMarkdown(makeReport(runs)), '## Runs in detail').map(cells);
    expect(rows[0]).toEqual(
      'strategy|W|jobs|ok|failed|batch time|eff. lat|req/s|CPU/req|p50|p99|CPU/batch|peak RSS|start-up|failures'.split(
        '|',
      ),
    );
    expect(rows[2]).toEqual([
      'async',
      '4',
      '100',
      '95',
      '5',
      '50.0 ms ±2.0%',
      '250.0% ⚠',
      '2000',
      '125 µs',
      '5.20 ms',
      '7.50 ms',
      '12.5 ms',
      '100.0 MiB',
      '1.50 ms',
      'HTTP\\_STATUS 2, TIMEOUT 3',
    ]);
  });

  it('never makes the fastest point the bound: without stored floors there is no efficiency', () => {
    const output = renderMarkdown(makeReport([completed('async', 1, 100)]));
    expect(tableAfter(output, '## Efficiency').map(cells)[2]).toEqual(['1', '–', '– / –']);
    expect(output).toContain('Capacity estimate: none (the target was not calibrated).');
  });

  it('says what the calibration swept: connections over HTTP/1.1, requests in flight on fewer h2 connections', () => {
    const h1 = renderMarkdown(makeReport([completed('async', 1, 100)], { calibration: calibrated(1000) }));
    expect(h1).toContain('| Capacity estimate | 1000 req/s, the best of 3 calibration rounds at 64 connections (');
    const h2 = { ...calibrated(1000), connections: 3, streams: 86, inFlight: 256 };
    const output = renderMarkdown(makeReport([completed('async', 1, 100)], { calibration: h2 }));
    expect(output).toContain(
      'the best of 3 calibration rounds at 256 requests in flight on 3 h2 connections × up to 86 streams (',
    );
  });

  it('shows a point below the floor as a broken bound and above the estimate by how much, uncapped, per figure', () => {
    const calibration = calibrated(1000);
    const [run] = annotateRuns([completed('async', 10, 40)], {
      jobLatenciesMs: Array<number>(100).fill(5),
      calibration,
    });
    const output = renderMarkdown(makeReport(run ? [run] : [], { calibration }));
    // 50 ms floor and 100 ms estimate (100 jobs at the best round's 1000 req/s) against a 40 ms batch.
    expect(tableAfter(output, '## Efficiency').map(cells)[2]).toEqual([
      '10',
      '50.0 ms / 100 ms',
      '125.0% ⚠ / 250.0% ⚠',
    ]);
    expect(output).toContain(
      '- ⚠ async at W = 10: below the latency floor, a broken bound: a batch of 40.0 ms against a proven floor of 50.0 ms',
    );
    expect(output).toContain(
      '- ⚠ async at W = 10: above the capacity estimate by 150.0% (a batch of 40.0 ms against 100 ms',
    );
    expect(output).not.toMatch(/calibration underestimated/);
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
  it('gives each ratio paired by round, with its range, each round and parity within noise', () => {
    const markdown = renderMarkdown(fullReport());
    const rows = tableAfter(markdown, '### W = 50').map(cells);
    expect(rows[0]).toEqual([
      '',
      'name',
      'req/s (median batch)',
      '× undici-pool',
      '× best load generator',
      'CPU/req',
      'CPU × undici-pool',
      'what ran',
    ]);
    // async 8.0, 9.5, 7.5 ms against undici-pool's 8.5, 9.0, 8.0 ms in the same rounds: 1.06, 0.95, 1.07.
    expect(rows[2]?.slice(0, 4)).toEqual([
      'strategy',
      'async',
      '12.5k',
      '1.06× (0.95–1.07; rounds 1.06, 0.95, 1.07; parity within noise)',
    ]);
    // CPU per request 125 µs against the ceiling's 16, 17, 15 µs.
    expect(rows[2]?.[6]).toBe('7.81× (7.35–8.33; rounds 7.81, 7.35, 8.33)');
    // The ceiling against itself says nothing; a peer that did not run says why.
    expect(rows[4]?.slice(0, 4)).toEqual(['peer', 'undici-pool', '11.8k', '–']);
    expect(rows.at(-1)?.slice(0, 3)).toEqual(['peer', 'wrk', 'skipped: wrk is not installed (apt-get install wrk)']);
  });

  it('takes a single round from the median batch, so one slow batch does not decide it', () => {
    // async: batches 100, 100, 100, 100, 300 ms (mean 140, median 100); the peer: 100 ms every time.
    const run = { ...completed('async', 50, 140), medianBatchMs: 100 };
    const peer = { ...peerRun('undici-pool', 50, [100]), rounds: undefined };
    const markdown = renderMarkdown(makeReport([run], { peers: [peer] }));
    expect(markdown).toContain('| strategy | async | 1000 | 1.00× | – |');
    // Without a median (an older report) both sides use the mean.
    const { medianBatchMs: _, ...older } = run;
    expect(renderMarkdown(makeReport([older], { peers: [peer] }))).toContain('| strategy | async | 714 | 0.71× | – |');
  });
});

import { formatBytes, formatCount, formatMs, formatPercent } from '../format.js';
import type { HtmlData, HtmlPoint } from './html-data.js';
import { escapeHtml as esc } from './html-escape.js';

/** The tables of report.html: the same content as report.md, as escaped HTML. */

type Cell = (point: HtmlPoint) => string;

/** A table; `head` and `rows` hold HTML that is escaped already. */
function table(id: string, head: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = head.map((cell) => `<th>${cell}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table id="${id}"><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function pairs(id: string, rows: readonly (readonly [string, string])[]): string {
  return table(
    id,
    ['', ''],
    rows.map(([label, value]) => [esc(label), esc(value)]),
  );
}

/** One row per W, one column per strategy; skipped points show their reason in the batch-time table only. */
function sweepTable(id: string, data: HtmlData, cell: Cell, withReason: boolean, ideal = false): string {
  const { strategies, widths } = data;
  const find = <T extends { strategy: string; concurrency: number }>(list: readonly T[], s: string, w: number) =>
    list.find((point) => point.strategy === s && point.concurrency === w);
  const rows = widths.map((w) => {
    const bound = data.points.find((point) => point.concurrency === w && point.idealMs !== null)?.idealMs;
    return [
      String(w),
      ...(ideal ? [bound ? formatMs(bound) : '–'] : []),
      ...strategies.map((strategy) => {
        const point = find(data.points, strategy, w);
        if (point) return cell(point);
        const skip = find(data.skipped, strategy, w);
        if (!skip) return '–';
        return withReason ? `<span class="skip">skipped: ${esc(skip.reason)}</span>` : 'skipped';
      }),
    ];
  });
  return table(id, ['W', ...(ideal ? ['ideal'] : []), ...strategies.map(esc)], rows);
}

function detailTable(data: HtmlData): string {
  const head = 'strategy|W|ok|failed|req/s|p50|p90|p99|peak RSS|CPU / batch|start-up|failures'.split('|');
  const rows = data.points.map((point) => [
    esc(point.strategy),
    String(point.concurrency),
    String(point.succeeded),
    String(point.failed),
    formatCount(point.requestsPerSecond),
    formatMs(point.p50Ms),
    formatMs(point.p90Ms),
    formatMs(point.p99Ms),
    formatBytes(Math.round(point.peakRssMiB * 2 ** 20)),
    formatMs(point.cpuMsPerBatch),
    formatMs(point.startupMs),
    point.errors.map(([code, count]) => `${esc(code)} ${count}`).join(', ') || '–',
  ]);
  const skipped = data.skipped.map((skip) => [
    esc(skip.strategy),
    String(skip.concurrency),
    ...Array<string>(head.length - 3).fill('–'),
    `skipped: ${esc(skip.reason)}`,
  ]);
  return table('table-runs', head, [...rows, ...skipped]);
}

/** Failures per error code, summed over the points (each point's worst batch). */
function failureTable(data: HtmlData): string {
  const rows = data.points.flatMap((point) =>
    point.errors.map(([code, count]) => [esc(point.strategy), String(point.concurrency), esc(code), String(count)]),
  );
  if (rows.length === 0) return '<p id="table-failures">No job failed.</p>';
  return table('table-failures', ['strategy', 'W', 'error code', 'failed jobs'], rows);
}

/** Every table section of the page, in order. */
export function htmlTables(data: HtmlData): string {
  const batch: Cell = (p) =>
    `${formatMs(p.batchMs)}${p.rmePercent === null ? '' : ` ±${p.rmePercent.toFixed(1)}%`}${p.knee ? ' ◆' : ''}`;
  return [
    '<h2>Batch time by concurrency</h2>',
    '<p>Mean batch time ± relative margin of error (95%). ◆ marks each strategy’s knee.</p>',
    sweepTable('table-batch', data, batch, true),
    '<h2>Efficiency (ideal ÷ batch time)</h2>',
    sweepTable(
      'table-efficiency',
      data,
      (p) => (p.efficiency === null ? '–' : formatPercent(p.efficiency * 100)),
      false,
      true,
    ),
    '<h2>Speed-up over W = 1</h2>',
    sweepTable('table-speedup', data, (p) => (p.speedup === null ? '–' : `${p.speedup.toFixed(2)}×`), false),
    ...(data.points.some((p) => p.overBaseline !== null)
      ? [
          '<h2>Speed over sequential</h2>',
          '<p>Sequential batch time ÷ batch time: how many times faster than one job at a time.</p>',
          sweepTable(
            'table-over-sequential',
            data,
            (p) => (p.overBaseline === null ? '–' : `${p.overBaseline.toFixed(2)}×`),
            false,
          ),
        ]
      : []),
    '<h2>Runs in detail</h2>',
    detailTable(data),
    '<h2>Failures per error code</h2>',
    failureTable(data),
    '<h2>Environment</h2>',
    pairs('table-environment', data.environment),
    '<h2>Settings</h2>',
    pairs('table-settings', data.settings),
  ].join('\n');
}

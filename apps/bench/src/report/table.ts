import Table from 'cli-table3';
import { formatBytes, formatCount, formatMs } from '../format.js';
import { isSkipped, type RunRecord } from './schema.js';

const HEAD = [
  'strategy',
  'W',
  'jobs',
  'ok',
  'failed',
  'batch time',
  '± rme',
  'req/s',
  'p50',
  'p99',
  'peak RSS',
  'start-up',
];

/** The terminal table: one row per point, aligned, units on every number. */
export function renderTable(runs: readonly RunRecord[]): string {
  const table = new Table({
    head: HEAD,
    style: { head: [], border: [], compact: true },
    colAligns: [
      'left',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
    ],
  });
  for (const run of runs) {
    if (isSkipped(run)) {
      table.push([
        run.strategy,
        run.concurrency,
        run.jobs,
        { colSpan: HEAD.length - 3, content: `skipped: ${run.skipped}` },
      ]);
      continue;
    }
    table.push([
      run.strategy,
      run.concurrency,
      run.jobs,
      run.succeeded,
      run.failed === 0 ? '0' : `${run.failed} ${describeErrors(run.errors)}`,
      formatMs(run.wallMs),
      `±${run.rme.toFixed(1)}%`,
      formatCount(run.requestsPerSecond),
      formatMs(run.latencyMs.p50),
      formatMs(run.latencyMs.p99),
      formatBytes(run.peakRssBytes),
      formatMs(run.startupMs),
    ]);
  }
  return table.toString();
}

function describeErrors(errors: Readonly<Record<string, number>>): string {
  return `(${Object.entries(errors)
    .map(([code, n]) => `${code} ${n}`)
    .join(', ')})`;
}

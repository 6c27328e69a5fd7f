import Table from 'cli-table3';
import { formatBytes, formatCount, formatEfficiency, formatMs, formatRme } from '../format.js';
import { isInterrupted, isSkipped, type PeerRecord, type RunRecord } from '../model/schema.js';
import { describeUnmeasured } from './unmeasured.js';

const HEAD = [
  'strategy',
  'W',
  'jobs',
  'ok',
  'failed',
  'batch time',
  '± rme',
  'eff. lat',
  'eff. cap',
  'req/s',
  'p50',
  'p99',
  '× seq',
  'CPU / batch',
  'peak RSS',
  'start-up',
];
const OVER_BASELINE = HEAD.indexOf('× seq');

/** The terminal table: one row per point, then one per peer, aligned, units on every number. */
export function renderTable(runs: readonly RunRecord[], peers: readonly PeerRecord[] = []): string {
  // "× seq" only when the sequential baseline ran.
  const withBaseline = runs.some((run) => !isSkipped(run) && run.overBaseline !== undefined);
  const head = withBaseline ? HEAD : HEAD.filter((_, index) => index !== OVER_BASELINE);
  const cells = <T>(row: T[]): T[] => (withBaseline ? row : row.filter((_, index) => index !== OVER_BASELINE));
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true },
    colAligns: ['left', ...head.slice(1).map(() => 'right' as const)],
  });
  // Skip reasons can be long: numbered notes under the table keep the columns narrow.
  const reasons: string[] = [];
  for (const run of runs) {
    if (isSkipped(run)) {
      table.push([
        run.strategy,
        run.concurrency,
        run.jobs,
        {
          colSpan: head.length - 3,
          hAlign: 'left',
          // The point cut short by Ctrl-C is one of a kind: said in its row, not in a note.
          content: isInterrupted(run) ? describeUnmeasured(run) : `skipped [${noteNumber(reasons, run.skipped)}]`,
        },
      ]);
      continue;
    }
    table.push(
      cells([
        run.strategy,
        run.knee === run.concurrency ? `◆ ${run.concurrency}` : run.concurrency,
        run.jobs,
        run.worstBatch.succeeded,
        run.worstBatch.failed === 0 ? '0' : `${run.worstBatch.failed} ${describeErrors(run.worstBatch.errors)}`,
        formatMs(run.meanBatchMs),
        formatRme(run.rme),
        `${formatEfficiency(run.efficiency?.latency)}${run.calibrationWarning ? ' ⚠' : ''}`,
        `${formatEfficiency(run.efficiency?.capacity)}${run.calibrationWarning ? ' ⚠' : ''}`,
        formatCount(run.requestsPerSecond),
        formatMs(run.latencyMs.p50),
        formatMs(run.latencyMs.p99),
        run.overBaseline === undefined ? '–' : `${run.overBaseline.toFixed(2)}×`,
        formatMs(run.cpuMsPerBatch),
        formatBytes(run.peakRssBytes),
        formatMs(run.startupMs),
      ]),
    );
  }
  for (const peer of peers) {
    const key = [`${peer.strategy} (peer)`, peer.concurrency, peer.jobs];
    if ('skipped' in peer) {
      table.push([
        ...key,
        { colSpan: head.length - 3, hAlign: 'left', content: `skipped [${noteNumber(reasons, peer.skipped)}]` },
      ]);
      continue;
    }
    table.push(
      cells([
        ...key,
        peer.succeeded ?? '–',
        peer.failed ?? '–',
        formatMs(peer.meanBatchMs),
        formatRme(peer.rme),
        '–',
        '–',
        formatCount(peer.requestsPerSecond),
        peer.latencyMs ? formatMs(peer.latencyMs.p50) : '–',
        peer.latencyMs ? formatMs(peer.latencyMs.p99) : '–',
        '–',
        '–',
        '–',
        '–',
      ]),
    );
  }
  const notes = reasons.map((reason, index) => `[${index + 1}] skipped: ${reason}`);
  if (runs.some((run) => !isSkipped(run) && run.knee === run.concurrency)) {
    notes.push('◆ knee: the smallest W whose next grid point gains no more than the margins of error');
  }
  notes.push('batch time: mean over the timed batches; ± rme: 95% margin (n/a under two batches)');
  notes.push('eff. lat / eff. cap: latency floor / capacity floor ÷ batch time (– without that bound)');
  if (withBaseline) notes.push('× seq: sequential batch time ÷ batch time (how much faster than one job at a time)');
  notes.push("CPU / batch: user + system, the point's threads and the processes it started");
  for (const run of runs) {
    if (!isSkipped(run) && run.calibrationWarning) {
      notes.push(`⚠ ${run.strategy} W=${run.concurrency}: ${run.calibrationWarning}`);
    }
    if (!isSkipped(run))
      for (const text of run.measurementWarnings ?? []) notes.push(`⚠ ${run.strategy} W=${run.concurrency}: ${text}`);
  }
  return [table.toString(), ...notes].join('\n');
}

function describeErrors(errors: Readonly<Record<string, number>>): string {
  return `(${Object.entries(errors)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => `${code} ${n}`)
    .join(', ')})`;
}

/** 1-based number of `reason` among the notes, adding it when new. */
function noteNumber(reasons: string[], reason: string): number {
  const found = reasons.indexOf(reason);
  return found >= 0 ? found + 1 : reasons.push(reason);
}

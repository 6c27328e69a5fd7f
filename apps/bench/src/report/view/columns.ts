import {
  formatBytes,
  formatCount,
  formatCpuPerRequest,
  formatEfficiency,
  formatMs,
  formatRatio,
  formatRme,
} from '../../format.js';
import { measurementFlagged } from '../../model/measurement.js';
import { roundSpread } from '../../model/repeat.js';
import { NOT_COUNTED, signedUs, workersText } from './broker.js';
import { type ColumnSpec, NONE, of, point } from './cell.js';
import { SERVER_COLUMNS } from './server-columns.js';

export type { Cell, ColumnSpec, Measured } from './cell.js';

function failures(errors: Readonly<Record<string, number>>): string {
  return Object.entries(errors)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
}

/** Every figure column in table order (strategy and W, the row's key, come first and are not figures). */
export const FIGURE_COLUMNS = [
  {
    id: 'jobs',
    head: 'jobs',
    essential: false,
    dropOrder: 5,
    cell: (row) => of(row.run.jobs, String),
  },
  {
    id: 'ok',
    head: 'ok',
    essential: true,
    cell: (row) => of(row.kind === 'point' ? row.run.worstBatch.succeeded : row.run.succeeded, String),
  },
  {
    id: 'failed',
    head: 'failed',
    essential: true,
    legend:
      'ok / failed: the timed batch with the most failures, so ok + failed = jobs (a peer: its last batch, where it counts)',
    cell: (row) => of(row.kind === 'point' ? row.run.worstBatch.failed : row.run.failed, String),
  },
  {
    id: 'batch',
    head: 'batch time',
    essential: true,
    legend: 'batch time: mean over the timed batches ± its 95% margin of error (n/a under two batches)',
    cell: (row) =>
      of(
        row.run.meanBatchMs,
        (ms) => `${formatMs(ms)} ${formatRme(row.run.rme)}`,
        row.kind === 'point' && measurementFlagged(row.run, 'shared-machine'),
      ),
  },
  {
    id: 'rounds',
    head: 'rounds',
    essential: false,
    dropOrder: 8,
    whenPresent: true,
    legend: "rounds: the fastest and the slowest round's mean batch time (--repeat); the row is the median round",
    cell: (row) => {
      const spread = roundSpread(row.run);
      return spread
        ? { text: `${formatMs(spread.minMs)}–${formatMs(spread.maxMs)}`, raw: spread.relative, warn: false }
        : NONE;
    },
  },
  {
    id: 'effLatency',
    head: 'eff. lat',
    essential: true,
    whenPresent: true,
    legend: 'eff. lat: latency floor ÷ batch time; above 100% (⚠) the proven floor is broken',
    cell: (row) => {
      const e = row.run.efficiency?.latency;
      return of(e, (value) => formatEfficiency(value), e !== undefined && e !== null && e > 1);
    },
  },
  {
    id: 'effCapacity',
    head: 'eff. cap',
    essential: true,
    whenPresent: true,
    legend: 'eff. cap: capacity estimate ÷ batch time (an estimate, not a bound); above 100% (⚠) the point beat it',
    cell: (row) => {
      const e = row.run.efficiency?.capacity;
      return of(e, (value) => formatEfficiency(value), e !== undefined && e !== null && e > 1);
    },
  },
  {
    id: 'rps',
    head: 'req/s',
    essential: true,
    cell: (row) => of(row.run.requestsPerSecond, formatCount),
  },
  {
    id: 'cpuPerRequest',
    head: 'CPU/req',
    essential: true,
    legend:
      "CPU/req: CPU time (user + system) per request, the client's threads and the processes it started: its cost apart from the server's ceiling",
    cell: (row) => of(row.run.cpuUsPerRequest, formatCpuPerRequest),
  },
  {
    id: 'overBaseline',
    head: '× seq',
    essential: true,
    whenPresent: true,
    legend: '× seq: sequential batch time ÷ batch time (how much faster than one job at a time)',
    cell: (row) =>
      of(
        point(row, (run) => run.overBaseline),
        formatRatio,
        row.kind === 'point' && (measurementFlagged(row.run, 'slow-code') || measurementFlagged(row.run, 'waited')),
      ),
  },
  {
    id: 'p50',
    head: 'p50',
    essential: false,
    dropOrder: 4,
    cell: (row) => of(row.run.latencyMs?.p50, formatMs),
  },
  {
    id: 'p99',
    head: 'p99',
    essential: false,
    dropOrder: 7,
    cell: (row) => of(row.run.latencyMs?.p99, formatMs),
  },
  {
    id: 'cpuPerBatch',
    head: 'CPU/batch',
    essential: false,
    dropOrder: 3,
    cell: (row) => of(row.run.cpuMsPerBatch, formatMs),
  },
  {
    id: 'peakRss',
    head: 'peak RSS',
    essential: false,
    dropOrder: 2,
    cell: (row) =>
      of(
        point(row, (run) => run.peakRssBytes),
        formatBytes,
      ),
  },
  {
    id: 'startup',
    head: 'start-up',
    essential: false,
    dropOrder: 1,
    legend: 'start-up: creating the strategy (pools, threads), outside the timed region',
    cell: (row) =>
      of(
        point(row, (run) => run.startupMs),
        formatMs,
      ),
  },
  // A broker point's figures (the queue strategy): shown only when the report has one; the first dropped on a narrow
  // terminal; report.md and report.html say them in full under "Broker".
  {
    id: 'workers',
    head: 'workers',
    align: 'left',
    essential: false,
    dropOrder: 0,
    whenPresent: true,
    legend: `workers: a queue point's worker processes × jobs in flight each; local ones are its children, billed to it; ${NOT_COUNTED}`,
    cell: (row) => {
      const broker = point(row, (run) => run.broker);
      if (!broker) return NONE;
      const text = `${workersText(broker)}${broker.mode === 'remote' ? ', not counted' : ''}`;
      return { text, raw: broker.lanes.length, warn: false };
    },
  },
  {
    id: 'redisCommands',
    head: 'Redis cmd/job',
    essential: false,
    dropOrder: 0,
    whenPresent: true,
    legend:
      "Redis cmd/job: commands Redis ran per job (INFO commandstats: every client, inside BullMQ's scripts too, warm-up included)",
    cell: (row) =>
      of(
        point(row, (run) => run.broker?.commandsPerJob),
        (value) => value.toFixed(1),
      ),
  },
  {
    id: 'overAsync',
    head: 'over async',
    essential: false,
    dropOrder: 0,
    whenPresent: true,
    legend:
      "over async: (a queue point's batch time − async's at the same W in this run) ÷ jobs: the broker's wall time per job",
    cell: (row) =>
      of(
        point(row, (run) => run.broker?.overAsync?.wallUsPerJob),
        (us) => `${signedUs(us)}/job`,
      ),
  },
  ...SERVER_COLUMNS,
  {
    id: 'failures',
    head: 'failures',
    align: 'left',
    essential: false,
    dropOrder: 6,
    whenPresent: true,
    cell: (row) => {
      const errors = row.kind === 'point' ? failures(row.run.worstBatch.errors) : '';
      return errors
        ? { text: errors, raw: row.kind === 'point' ? row.run.worstBatch.failed : null, warn: false }
        : NONE;
    },
  },
] as const satisfies readonly ColumnSpec[];

/** Figures the sweep pivots show that the tables do not: speed-up over the same strategy at W = 1. */
export const PIVOT_ONLY_COLUMNS = [
  {
    id: 'speedup',
    head: '× W = 1',
    essential: false,
    cell: (row) =>
      of(
        point(row, (run) => run.speedup),
        formatRatio,
      ),
  },
] as const satisfies readonly ColumnSpec[];

export type FigureId = (typeof FIGURE_COLUMNS)[number]['id'] | (typeof PIVOT_ONLY_COLUMNS)[number]['id'];

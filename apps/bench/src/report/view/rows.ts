import { isInterrupted, isSkipped, type PeerRecord, type Report, type RunRecord } from '../../model/schema.js';
import { describeUnmeasured } from '../unmeasured.js';
import { type Cell, FIGURE_COLUMNS, type FigureId, type Measured, PIVOT_ONLY_COLUMNS } from './columns.js';
import { KNEE_MARK } from './legends.js';
import { type Warning, warningsOf } from './warnings.js';

/** What every row has: who ran, at which W, on how many jobs. `label` is how the tables name it. */
interface RowKey {
  readonly kind: 'point' | 'peer';
  readonly strategy: string;
  readonly label: string;
  readonly concurrency: number;
  readonly jobs: number;
}

export interface MeasuredRow extends RowKey {
  readonly state: 'measured';
  /** This W is the strategy's knee. */
  readonly knee: boolean;
  readonly cells: Readonly<Record<FigureId, Cell>>;
  readonly warnings: readonly Warning[];
  /** What exactly ran: the strategy's configuration (pools), or the peer's tool and flags. */
  readonly configuration: string | undefined;
}

export interface UnmeasuredRow extends RowKey {
  /** Skipped (could not run, or a peer not installed), or the point cut short by Ctrl-C. */
  readonly state: 'skipped' | 'interrupted';
  /** The skip reason as stored (notes number each distinct one). */
  readonly reason: string;
  /** One line: "skipped: …", or what the interrupted point completed. */
  readonly note: string;
}

export type Row = MeasuredRow | UnmeasuredRow;

const ALL_COLUMNS = [...FIGURE_COLUMNS, ...PIVOT_ONLY_COLUMNS];

function measuredRow(measured: Measured, key: RowKey): MeasuredRow {
  const cells = Object.fromEntries(ALL_COLUMNS.map((column) => [column.id, column.cell(measured)]));
  const { run } = measured;
  return {
    ...key,
    state: 'measured',
    knee: measured.kind === 'point' && measured.run.knee === run.concurrency,
    cells: cells as Record<FigureId, Cell>,
    warnings: warningsOf(measured, key.label),
    configuration: measured.kind === 'point' ? measured.run.configuration : measured.run.measures,
  };
}

function pointRow(run: RunRecord): Row {
  const key = {
    kind: 'point',
    strategy: run.strategy,
    label: run.strategy,
    concurrency: run.concurrency,
    jobs: run.jobs,
  } as const;
  if (!isSkipped(run)) return measuredRow({ kind: 'point', run }, key);
  return {
    ...key,
    state: isInterrupted(run) ? 'interrupted' : 'skipped',
    reason: run.skipped,
    note: describeUnmeasured(run),
  };
}

function peerRow(peer: PeerRecord): Row {
  const label = `${peer.strategy} (peer)`;
  const key = { kind: 'peer', strategy: peer.strategy, label, concurrency: peer.concurrency, jobs: peer.jobs } as const;
  if (!('skipped' in peer)) return measuredRow({ kind: 'peer', run: peer }, key);
  return { ...key, state: 'skipped', reason: peer.skipped, note: `skipped: ${peer.skipped}` };
}

/**
 * The cell of `row` in a table column: its label, its W (◆ at the knee), its jobs, or one of its figures; undefined
 * for a figure of a row that has none (the renderers span the row's note over those).
 */
export function cellOf(row: Row, id: 'strategy' | 'concurrency' | FigureId): Cell | undefined {
  if (id === 'strategy') return { text: row.label, raw: null, warn: false };
  if (id === 'concurrency') {
    const knee = row.state === 'measured' && row.knee ? `${KNEE_MARK} ` : '';
    return { text: `${knee}${row.concurrency}`, raw: row.concurrency, warn: false };
  }
  if (row.state === 'measured') return row.cells[id];
  return id === 'jobs' ? { text: String(row.jobs), raw: row.jobs, warn: false } : undefined;
}

/** One row per point, in the report's order, then one per peer. */
export function rowsOf(report: Report): Row[] {
  return [...report.runs.map(pointRow), ...(report.peers ?? []).map(peerRow)];
}

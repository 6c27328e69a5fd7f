import type { ReportView } from './build.js';
import type { FigureId } from './columns.js';
import { KNEE_MARK } from './legends.js';
import type { MeasuredRow, Row } from './rows.js';

/** A pivot cell: its text, and whether a figure in it carries a warning. */
export interface PivotCell {
  readonly text: string;
  readonly warn: boolean;
}

/** A sweep table: one row per W, one column per strategy (the way the Python post showed its sweep). */
export interface Pivot {
  readonly head: readonly string[];
  readonly rows: readonly (readonly PivotCell[])[];
}

export interface PivotOptions {
  /** Skipped points say why (the batch-time table); elsewhere only that they are missing. */
  readonly withReason?: boolean;
  /** Mark each strategy's knee (the batch-time table). */
  readonly knee?: boolean;
  /** A column after W, e.g. the references at that W. */
  readonly extra?: { readonly head: string; readonly at: (w: number) => string };
}

const plain = (text: string): PivotCell => ({ text, warn: false });

function unmeasured(row: Exclude<Row, MeasuredRow>, withReason: boolean): string {
  if (withReason) return row.note;
  return row.state === 'interrupted' ? 'interrupted' : 'skipped';
}

function measured(row: MeasuredRow, figures: readonly FigureId[], knee: boolean): PivotCell {
  const cells = figures.map((id) => row.cells[id]);
  const text = cells.map((cell) => cell.text).join(' / ');
  return { text: knee && row.knee ? `${text} ${KNEE_MARK}` : text, warn: cells.some((cell) => cell.warn) };
}

/**
 * The points' `figures` (several joined by " / ") laid out by W and strategy; peers are not in the sweep (they have
 * their own section).
 */
export function pivot(view: ReportView, figures: readonly FigureId[], options: PivotOptions = {}): Pivot {
  const points = view.rows.filter((row) => row.kind === 'point');
  return {
    head: ['W', ...(options.extra ? [options.extra.head] : []), ...view.strategies],
    rows: view.widths.map((w) => [
      plain(String(w)),
      ...(options.extra ? [plain(options.extra.at(w))] : []),
      ...view.strategies.map((strategy) => {
        const row = points.find((point) => point.strategy === strategy && point.concurrency === w);
        if (!row) return plain('–');
        if (row.state !== 'measured') return plain(unmeasured(row, options.withReason ?? false));
        return measured(row, figures, options.knee ?? false);
      }),
    ]),
  };
}

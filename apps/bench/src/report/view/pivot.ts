import type { ReportView } from './build.js';
import type { MeasuredRow, Row } from './rows.js';

/** A sweep table: one row per W, one column per strategy (the way the Python post showed its sweep). */
export interface Pivot {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export interface PivotOptions {
  /** Skipped points say why (the batch-time table); elsewhere only that they are missing. */
  readonly withReason?: boolean;
  /** A column after W, e.g. the references at that W. */
  readonly extra?: { readonly head: string; readonly at: (w: number) => string };
}

function unmeasured(row: Exclude<Row, MeasuredRow>, withReason: boolean): string {
  if (withReason) return row.note;
  return row.state === 'interrupted' ? 'interrupted' : 'skipped';
}

/** The points' `cell` laid out by W and strategy; peers are not in the sweep (they have their own section). */
export function pivot(view: ReportView, cell: (row: MeasuredRow) => string, options: PivotOptions = {}): Pivot {
  const points = view.rows.filter((row) => row.kind === 'point');
  return {
    head: ['W', ...(options.extra ? [options.extra.head] : []), ...view.strategies],
    rows: view.widths.map((w) => [
      String(w),
      ...(options.extra ? [options.extra.at(w)] : []),
      ...view.strategies.map((strategy) => {
        const row = points.find((point) => point.strategy === strategy && point.concurrency === w);
        if (!row) return '–';
        return row.state === 'measured' ? cell(row) : unmeasured(row, options.withReason ?? false);
      }),
    ]),
  };
}

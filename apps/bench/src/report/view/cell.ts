import type { CompletedRun, PeerRun } from '../../model/schema.js';
import { WARN_MARK } from './legends.js';

/** A measured row's record: a point, or a peer (which has fewer figures: the rest read "–"). */
export type Measured =
  | { readonly kind: 'point'; readonly run: CompletedRun }
  | { readonly kind: 'peer'; readonly run: PeerRun };

/** One figure of one row: the text every renderer prints, the number behind it, and whether it carries a warning. */
export interface Cell {
  readonly text: string;
  readonly raw: number | null;
  readonly warn: boolean;
}

/**
 * One column of the tables, declared once: its head, its cell for a measured row, its legend, and how a narrow
 * terminal treats it. A new figure (say, a server counter) is one more entry here; every renderer picks it up.
 */
export interface ColumnSpec {
  readonly id: string;
  readonly head: string;
  /** Numbers align right (the default); text, left. */
  readonly align?: 'left';
  /** Kept on a narrow terminal; the others are dropped in `dropOrder` (lowest first) until the table fits. */
  readonly essential: boolean;
  readonly dropOrder?: number;
  /** Shown only when some row has a value (× seq without the baseline, rounds without --repeat, would be all "–"). */
  readonly whenPresent?: boolean;
  /** One line said under every table that shows the column. */
  readonly legend?: string;
  readonly cell: (row: Measured) => Cell;
}

export const NONE: Cell = { text: '–', raw: null, warn: false };
export const of = (raw: number | null | undefined, format: (value: number) => string, warn = false): Cell =>
  raw === null || raw === undefined ? NONE : { text: `${format(raw)}${warn ? ` ${WARN_MARK}` : ''}`, raw, warn };
export const point = <T>(row: Measured, read: (run: CompletedRun) => T): T | undefined =>
  row.kind === 'point' ? read(row.run) : undefined;

import Table from 'cli-table3';
import { oneLine } from '../model/one-line.js';
import type { Report } from '../model/schema.js';
import { type ReportView, type TableColumn, viewOf } from './view/build.js';
import { droppedLine, KNEE_LEGEND, WARN_MARK } from './view/legends.js';
import { cellOf, type Row } from './view/rows.js';

export interface TableOptions {
  /** Fit this many terminal columns, dropping the least essential columns first; undefined: every column. */
  readonly maxWidth?: number | undefined;
}

/** Lines numbered under the table; `[n]` in a row points to line n. */
interface Notes {
  number(text: string): number;
}

/** Each distinct text once, in order of first use. */
function noteList(): Notes & { readonly texts: string[] } {
  const texts: string[] = [];
  return {
    texts,
    number: (text) => {
      const found = texts.indexOf(text);
      return found >= 0 ? found + 1 : texts.push(text);
    },
  };
}

function rowCells(row: Row, columns: readonly TableColumn[], notes: Notes, narrow: boolean) {
  const cells = columns.map((column) => cellOf(row, column.id));
  if (row.state === 'measured') return cells.map((figure) => oneLine(figure?.text ?? '–'));
  // Its key (strategy, W, jobs), then one cell over the rest. Skip reasons can be long: numbered notes. The point
  // cut short by Ctrl-C is one of a kind, said in its row, unless the table must fit a terminal.
  const end = cells.findIndex((figure) => figure === undefined);
  const key = (end < 0 ? cells : cells.slice(0, end)).map((figure) => oneLine(figure?.text ?? ''));
  const content = row.state === 'interrupted' && !narrow ? row.note : `${row.state} [${notes.number(row.note)}]`;
  return [
    ...key,
    { colSpan: Math.max(1, columns.length - key.length), hAlign: 'left' as const, content: oneLine(content) },
  ];
}

function draw(view: ReportView, columns: readonly TableColumn[], notes: Notes, narrow: boolean): string {
  const table = new Table({
    head: columns.map((column) => column.head),
    style: { head: [], border: [], compact: true },
    colAligns: columns.map((column) => column.align),
  });
  for (const row of view.rows) table.push(rowCells(row, columns, notes, narrow));
  return table.toString();
}

/** Columns of the widest line; every character the table uses is one column wide (box drawing, ◆, ⚠, µ, ×). */
function widthOf(text: string): number {
  return Math.max(...text.split('\n').map((line) => Array.from(line).length));
}

/** The terminal view: every column, or, given a width, the essential ones first and then as many as fit. */
function fitted(view: ReportView, maxWidth: number | undefined) {
  const notes = noteList();
  const narrow = maxWidth !== undefined;
  let columns = [...view.columns];
  const droppable = columns
    .filter((column) => !column.essential)
    .sort((a, b) => (a.dropOrder ?? 0) - (b.dropOrder ?? 0));
  const dropped: TableColumn[] = [];
  let text = draw(view, columns, notes, narrow);
  while (maxWidth !== undefined && widthOf(text) > maxWidth && droppable.length > 0) {
    const next = droppable.shift() as TableColumn;
    dropped.push(next);
    columns = columns.filter((column) => column !== next);
    text = draw(view, columns, notes, narrow);
  }
  return { text, dropped, numbered: notes.texts };
}

/** Lines under the table: what was left out, skip reasons, legends of the columns shown, warnings, peer ratios. */
function notesUnder(view: ReportView, dropped: readonly TableColumn[], numbered: readonly string[]): string[] {
  const shown = view.columns.filter((column) => !dropped.includes(column));
  const ratios = view.peers.flatMap((section) => section.rows.flatMap((row) => (row.summary ? [row.summary] : [])));
  return [
    ...(dropped.length > 0 ? [droppedLine(dropped.map((column) => column.head))] : []),
    ...numbered.map((note, index) => `[${index + 1}] ${note}`),
    ...(view.rows.some((row) => row.state === 'measured' && row.knee) ? [KNEE_LEGEND] : []),
    ...shown.flatMap((column) => (column.legend ? [column.legend] : [])),
    ...view.warnings.map((warning) => `${WARN_MARK} ${warning.text}`),
    ...(ratios.length > 0
      ? [
          'beside the bare dispatch loop (paired by round; report.md has every ratio):',
          ...ratios.map((line) => `  ${line}`),
        ]
      : []),
  ].map((line) => oneLine(line));
}

/** The terminal table: one row per point, then one per peer, aligned, units on every number, notes under it. */
export function renderTable(report: Report, options: TableOptions = {}): string {
  const view = viewOf(report);
  const { text, dropped, numbered } = fitted(view, options.maxWidth);
  return [text, ...notesUnder(view, dropped, numbered)].join('\n');
}

/**
 * The width the table must fit on stdout: the terminal's, unless --wide was given or stdout is not a terminal (a
 * pipe or a file gets every column).
 */
export function stdoutTableWidth(
  wide: boolean | undefined,
  stdout: NodeJS.WriteStream = process.stdout,
): number | undefined {
  return wide || !stdout.isTTY || !stdout.columns ? undefined : stdout.columns;
}

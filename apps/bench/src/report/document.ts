/**
 * A report page as plain blocks (headings, paragraphs, lists, tables of plain text), built once from the view
 * (sections.ts) and serialised by report.md and report.html alike, so the two cannot drift apart: each only
 * escapes the text for its format and lays it out.
 */

export type Tone = 'warn' | 'muted';

/** A table cell: plain text, with a tone the HTML page styles (Markdown ignores it). */
export interface DocCell {
  readonly text: string;
  readonly tone?: Tone;
}

export interface DocRow {
  readonly cells: readonly DocCell[];
  /** A cell that spans every column after `cells` (a skipped point's reason). */
  readonly rest?: DocCell;
}

export type Block =
  | { readonly kind: 'heading'; readonly level: 2 | 3; readonly text: string }
  | { readonly kind: 'paragraph'; readonly text: string; readonly tone?: Tone }
  | { readonly kind: 'list'; readonly id: string; readonly items: readonly string[]; readonly tone?: Tone }
  | {
      readonly kind: 'table';
      readonly id: string;
      readonly head: readonly string[];
      /** Per column; `left` unless said. */
      readonly align: readonly ('left' | 'right')[];
      readonly rows: readonly DocRow[];
    }
  /** Where the HTML page draws its charts; nothing in Markdown. */
  | { readonly kind: 'charts' };

export const cell = (text: string, tone?: Tone): DocCell => (tone ? { text, tone } : { text });

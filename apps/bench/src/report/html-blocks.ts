import type { Block, DocCell, DocRow } from './document.js';
import { escapeHtml as esc } from './html-escape.js';

/** The page's blocks as escaped HTML; `charts` is the HTML of the charts section, put where the blocks say. */

/** Class names from fixed words only (an alignment and a tone), never from outside text. */
function classes(...names: (string | undefined | false)[]): string {
  const kept = names.filter((name): name is string => typeof name === 'string' && name !== '');
  return kept.length > 0 ? ` class="${kept.join(' ')}"` : '';
}

function td(cell: DocCell, left: boolean, span = 0): string {
  return `<td${classes(left && 'l', cell.tone)}${span > 1 ? ` colspan="${span}"` : ''}>${esc(cell.text)}</td>`;
}

function tr({ cells, rest }: DocRow, align: readonly ('left' | 'right')[]): string {
  const own = cells.map((cell, i) => td(cell, align[i] === 'left'));
  const spanned = rest ? td(rest, true, align.length - cells.length) : '';
  return `<tr>${own.join('')}${spanned}</tr>`;
}

function table(block: Extract<Block, { kind: 'table' }>): string {
  const th = block.head.map((text, i) => `<th${classes(block.align[i] === 'left' && 'l')}>${esc(text)}</th>`);
  const body = block.rows.map((row) => tr(row, block.align)).join('\n');
  return `<table id="${block.id}"><thead><tr>${th.join('')}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function html(block: Block, charts: string): string {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level}>${esc(block.text)}</h${block.level}>`;
    case 'paragraph':
      return `<p${block.tone ? ` class="${block.tone}"` : ''}>${esc(block.text)}</p>`;
    case 'list': {
      if (block.items.length === 0) return '';
      const tone = block.tone ? ` class="${block.tone}"` : '';
      return `<ul id="${block.id}"${tone}>${block.items.map((item) => `<li>${esc(item)}</li>`).join('')}</ul>`;
    }
    case 'table':
      return table(block);
    case 'charts':
      return charts;
  }
}

export function blocksHtml(blocks: readonly Block[], charts: string): string {
  return blocks
    .map((block) => html(block, charts))
    .filter((text) => text !== '')
    .join('\n');
}

import type { Report } from '../model/schema.js';
import type { Block, DocRow } from './document.js';
import { escapeMarkdown as esc } from './escape.js';
import { reportSections } from './sections.js';
import { viewOf } from './view/build.js';

/** A GFM table; a row's `rest` goes in the cell after its own, the cells after it left empty. */
function table(block: Extract<Block, { kind: 'table' }>): string[] {
  const width = block.head.length;
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const row = ({ cells, rest }: DocRow) => {
    const texts = [...cells.map((cell) => esc(cell.text)), ...(rest ? [esc(rest.text)] : [])];
    return line([...texts, ...Array<string>(Math.max(0, width - texts.length)).fill('')]);
  };
  return [
    line(block.head.map(esc)),
    line(block.head.map((_, i) => (block.align[i] === 'right' ? '---:' : '---'))),
    ...block.rows.map(row),
  ];
}

function lines(block: Block): string[] {
  switch (block.kind) {
    case 'heading':
      return [`${'#'.repeat(block.level)} ${esc(block.text)}`, ''];
    case 'paragraph':
      return [block.tone === 'warn' ? `**${esc(block.text)}**` : esc(block.text), ''];
    case 'list':
      return block.items.length > 0 ? [...block.items.map((item) => `- ${esc(item)}`), ''] : [];
    case 'table':
      return [...table(block), ''];
    case 'charts':
      return [];
  }
}

/** report.md: the report's view (the same sections as report.html), escaped for Markdown. */
export function renderMarkdown(report: Report): string {
  return ['# fanout report', '', ...reportSections(viewOf(report)).flatMap(lines)].join('\n');
}

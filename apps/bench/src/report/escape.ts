import { oneLine } from '../model/one-line.js';

/**
 * Escaping for text that comes from outside fanout: strategy names (any workspace package may declare one), skip
 * reasons, URLs, error codes and the target description. None of it may change the structure of what we render.
 */

// Characters with a meaning in GitHub-flavoured Markdown that a name could plausibly contain: emphasis, code,
// links, tables, headings, lists, HTML. The backslash comes first in the class so escapes themselves are escaped.
const MARKDOWN_PUNCTUATION = /[\\`*_[\]|#!~]/g;

/**
 * Text that renders literally in a Markdown paragraph or table cell. Punctuation is backslash-escaped (CommonMark
 * allows that for any ASCII punctuation, and GFM tables honour `\|`); `<`, `>` and `&` become entities instead,
 * because renderers that allow raw HTML do not all honour `\<`, and an entity can never open a tag.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(MARKDOWN_PUNCTUATION, (char) => `\\${char}`);
}

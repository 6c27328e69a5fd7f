/**
 * Escaping for text that comes from outside fanout: strategy names (any workspace package may declare one), skip
 * reasons, URLs, error codes and the target description. None of it may change the structure of what we render.
 */

// C0 controls (ESC included, so no terminal escape sequences), DEL and C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

// Unicode line and paragraph separators end a line in some renderers too.
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;

/**
 * One line of plain text: line breaks become spaces and other control characters are dropped. Safe to print on a
 * terminal and to put in a one-line label. Long text is clipped with an ellipsis when `maxLength` is given.
 */
export function oneLine(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  const flat = text.replace(LINE_BREAK, ' ').replace(CONTROL, '').trim();
  return flat.length > maxLength ? `${flat.slice(0, Math.max(0, maxLength - 1))}…` : flat;
}

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

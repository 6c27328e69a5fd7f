/** Escaping for the HTML report: text, attribute values and JSON inside a script element. */

const HTML_TEXT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe in HTML element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_TEXT[char] ?? char);
}

const JSON_IN_SCRIPT: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON for a `<script type="application/json">` element: `<`, `>` and `&` become \u escapes so no `</script>` or
 * `<!--` can end or change the element, and the line separators are escaped for old JavaScript parsers.
 * JSON.parse reads the result back to the same value.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => JSON_IN_SCRIPT[char] ?? char);
}

/**
 * A trusted library's source for an inline script element. It cannot be escaped without changing its meaning, so
 * a source that would end or alter the element is refused instead.
 */
export function scriptSource(source: string, name: string): string {
  if (/<\/script|<!--/i.test(source)) throw new Error(`${name} cannot be inlined: it contains </script or <!--`);
  return source;
}

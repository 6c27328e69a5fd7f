// C0 controls (ESC included, so no terminal escape sequences), DEL and C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

// Unicode line and paragraph separators end a line in some renderers too.
const LINE_BREAK = /\r\n|[\r\n\u2028\u2029]/g;

/**
 * One line of plain text: line breaks become spaces and other control characters are dropped. Safe to print on a
 * terminal and to put in a one-line label. Long text is clipped with an ellipsis when `maxLength` is given. Here,
 * the lowest layer that needs it (a report file's error message), so every renderer and loader shares it.
 */
export function oneLine(text: string, maxLength = Number.POSITIVE_INFINITY): string {
  const flat = text.replace(LINE_BREAK, ' ').replace(CONTROL, '').trim();
  return flat.length > maxLength ? `${flat.slice(0, Math.max(0, maxLength - 1))}…` : flat;
}

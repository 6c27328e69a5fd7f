/**
 * A Redis URL may carry a password (`redis://:secret@host:6379`, or a user and a
 * password). Nothing this package prints, throws or reports may show it: every
 * message goes through `redactUrl` (the URL itself) or `redactSecrets` (any
 * text, such as a client library's error, that might quote it).
 */

const HIDDEN = '***';

/** The URL with its user and password replaced; an unparsable string is hidden whole. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `(a Redis URL that cannot be parsed, ${url.length} characters, hidden)`;
  }
  if (parsed.username === '' && parsed.password === '') return parsed.toString();
  return `${parsed.protocol}//${HIDDEN}@${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}

/** The secrets of a Redis URL, raw and percent-decoded, longest first (so a longer one is hidden before its parts). */
export function secretsOf(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url.length > 0 ? [url] : [];
  }
  const found = new Set<string>();
  // The user is a credential too, except Redis's built-in "default", which is no secret and a common word.
  const user = parsed.username === 'default' ? '' : parsed.username;
  for (const part of [parsed.password, user]) {
    if (part === '') continue;
    found.add(part);
    try {
      found.add(decodeURIComponent(part));
    } catch {
      // not valid percent-encoding: the raw form is hidden all the same
    }
  }
  return [...found].filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
}

/** `text` with the whole URL and each of its secrets replaced by the redacted form. */
export function redactSecrets(text: string, url: string): string {
  let out = url.length > 0 ? text.split(url).join(redactUrl(url)) : text;
  for (const secret of secretsOf(url)) out = out.split(secret).join(HIDDEN);
  return out;
}

/** An Error whose message (and stack) no longer holds the URL's secrets; the original is not kept as `cause`. */
export function redactError(error: unknown, url: string): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(redactSecrets(message, url));
}

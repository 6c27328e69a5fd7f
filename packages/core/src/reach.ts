/**
 * The one home of fanout's reach rule: which hosts a run may connect to without `allowRemote`. The CLI checks the
 * URLs it is given with it; the job runner checks every hop (the first URL and each redirect target) with it
 * before connecting, so a loopback server cannot send fanout anywhere else.
 */

/**
 * A WHATWG URL's `hostname` that names this machine: `localhost`, an IPv4 address in 127.0.0.0/8 or `[::1]`.
 * The URL parser has already normalised what a user may write (`127.1`, `0x7f.1`, `2130706433`,
 * `[0:0:0:0:0:0:0:1]`); everything else (`0.0.0.0`, `[::ffff:7f00:1]`, `localhost.`, `*.nip.io`) is not loopback.
 */
const LOOPBACK_HOSTNAME = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTNAME.test(hostname);
}

/** The host of `url` as the URL parser reads it, or undefined when `url` is not a URL. */
export function hostOf(url: string): string | undefined {
  return URL.canParse(url) ? new URL(url).hostname : undefined;
}

// Decisions per distinct URL string: a batch cycles through a few URLs, so after the first job each check is one
// Map lookup, no URL parsing. Dropped rather than grown past this (a --url-file of many distinct URLs).
const MAX_REMEMBERED = 10_000;
const loopbackByUrl = new Map<string, boolean>();

/**
 * True when `url` parses and its host is loopback. Remembered per URL string, so the runner's check on every job
 * costs a Map lookup. A string that is not a URL is not loopback (fail closed).
 */
export function isLoopbackUrl(url: string): boolean {
  let loopback = loopbackByUrl.get(url);
  if (loopback === undefined) {
    const host = hostOf(url);
    loopback = host !== undefined && isLoopbackHost(host);
    if (loopbackByUrl.size >= MAX_REMEMBERED) loopbackByUrl.clear();
    loopbackByUrl.set(url, loopback);
  }
  return loopback;
}

/** The flag of `fanout run` that lifts the rule, named in every refusal so a user knows what would allow it. */
export const ALLOW_REMOTE_FLAG = '--allow-remote';

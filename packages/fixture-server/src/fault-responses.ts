import { identityBody, writeBytes } from './body.js';
import { resetNow } from './exchange.js';
import { endless, resetMidBody, slowDrip, truncated } from './fault-bodies.js';
import type { FaultContext, Reply } from './fault-context.js';
import type { FaultName } from './faults.js';
import { malformed, slowHeaders } from './raw-responses.js';
import { LIMITS } from './settings.js';

/** How each fault is produced. A record rather than a switch, so a new name in FAULT_NAMES fails to compile here. */
const PRODUCERS: Readonly<Record<FaultName, (context: FaultContext) => void>> = {
  // The request has been read; the client gets a reset (RST, or RST_STREAM over h2) instead of a single byte.
  'reset-before-headers': ({ exchange }) => resetNow(exchange),
  'reset-mid-body': resetMidBody,
  // Nothing is written; the socket stays open until the client gives up or the server closes.
  hang: () => undefined,
  'slow-drip': slowDrip,
  truncated,
  malformed,
  redirect: redirectChain,
  'redirect-loop': redirectLoop,
  endless,
  'slow-headers': slowHeaders,
  // Whole-run mixes need plain error answers too, not only the ones a query's ?status= asks for.
  'server-error': ({ response }) => answer(response, 503, 64),
  'client-error': ({ response }) => answer(response, 404, 64),
  // A well-formed answer announcing 1 GiB, as identity (too large to compress once): the client's body limit (or
  // its patience) decides. Error bodies are identity too: 64 bytes is below what servers bother to compress.
  huge: ({ response }) => answer(response, 200, LIMITS.sizeBytes),
  'corrupt-encoding': corruptEncoding,
};

/**
 * `corrupt-encoding`: a well-framed 200 whose Content-Encoding (the coding negotiated, gzip when none was) does not
 * match its body, the page text as it is. The text starts with `<`, which is neither gzip's magic number nor a valid
 * brotli window, so every decoder refuses it at the first byte, strict or lenient: a client must report it, never
 * count it as the page.
 */
function corruptEncoding({ response, settings, body }: FaultContext): void {
  const coding = body.headers['content-encoding'] ?? 'gzip';
  const size = Math.max(settings.sizeBytes, 64);
  const page = identityBody(size, true);
  response.writeHead(200, { ...page.headers, 'content-encoding': coding });
  writeBytes(response, page, size, () => response.end());
}

function answer(response: Reply, status: number, size: number): void {
  const body = identityBody(size, false);
  response.writeHead(status, body.headers);
  writeBytes(response, body, size, () => response.end());
}

export function produceFault(fault: FaultName, context: FaultContext): void {
  PRODUCERS[fault](context);
}

/**
 * `redirect` (hops ≥ 1; hops 0 is answered normally by the caller): 302 to the same path and query with `hops`
 * one lower. The fault is pinned in the Location too, so a chain drawn from the mix stays a chain instead of
 * drawing again at the next hop.
 */
function redirectChain({ response, url, hops }: FaultContext): void {
  const query = new URLSearchParams(url.searchParams);
  query.set('fault', 'redirect');
  query.set('hops', String(hops - 1));
  found(response, `${pathOf(url)}?${query}`);
}

/**
 * `redirect-loop`: 302 to this very path and query. A loop drawn from the mix first adds `fault=redirect-loop`
 * (else the next request would draw again), and from there on every Location is the URL that asked for it.
 */
function redirectLoop({ response, url, fromQuery }: FaultContext): void {
  if (fromQuery) {
    found(response, `${pathOf(url)}${url.search}`);
    return;
  }
  const query = new URLSearchParams(url.searchParams);
  query.set('fault', 'redirect-loop');
  found(response, `${pathOf(url)}?${query}`);
}

/** A path starting with '//' would read as another host in a Location header; one slash keeps it on this server. */
function pathOf(url: URL): string {
  return url.pathname.replace(/^\/+/, '/');
}

function found(response: Reply, location: string): void {
  response.writeHead(302, { location, 'content-length': '0' });
  response.end();
}

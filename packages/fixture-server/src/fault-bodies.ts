import { CHUNK_BYTES, isGone, mayHaveBody, writeBytes } from './body.js';
import { endEarly, resetAfterFlush } from './exchange.js';
import type { FaultContext } from './fault-context.js';
import { pageText } from './page-text.js';

/** `reset-mid-body`: full Content-Length, the first half of the body (as sent: compressed if it is), then a reset. */
export function resetMidBody({ response, exchange, settings, body }: FaultContext): void {
  response.writeHead(settings.status, body.headers);
  // Headers go out even when half the body is 0 bytes, so the client always sees a response start.
  response.flushHeaders?.();
  writeBytes(response, body, Math.floor(body.length / 2), () => resetAfterFlush(exchange));
}

/** `truncated`: full Content-Length, the first half of the body, then a clean end (FIN, or END_STREAM over h2). */
export function truncated({ response, exchange, settings, body }: FaultContext): void {
  response.writeHead(settings.status, body.headers);
  response.flushHeaders?.();
  writeBytes(response, body, Math.floor(body.length / 2), () => endEarly(exchange, response));
}

/** `slow-drip`: headers with the first byte, then one more byte every `dripMs` until the body is out. */
export function slowDrip({ method, response, settings, body, dripMs }: FaultContext): void {
  response.writeHead(settings.status, body.headers);
  // Without a body (HEAD, 204, 304) there is nothing to drip: the response ends at once.
  const size = mayHaveBody(method, settings.status) ? body.length : 0;
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  const drip = (): void => {
    if (isGone(response)) return;
    if (sent < size) {
      response.write(body.bytes(sent, 1));
      sent += 1;
    }
    if (sent === size) response.end();
    else timer = setTimeout(drip, dripMs);
  };
  response.once('close', () => clearTimeout(timer));
  drip();
}

/**
 * `endless`: a body that never ends (chunked over HTTP/1.1, DATA frames without END_STREAM over h2), sent as
 * identity: there is no size to compress once. Each 64 KiB chunk waits for 'drain' when the client is full (a slow
 * client costs neither memory nor CPU), and for the next turn of the event loop otherwise, so a fast client cannot
 * starve the server's other requests. A status without a body (204, 304, HEAD) just ends.
 */
export function endless({ method, response, settings }: FaultContext): void {
  // No Content-Length: Node frames the body with chunked transfer encoding over HTTP/1.1.
  response.writeHead(settings.status, { 'content-type': 'text/html; charset=utf-8' });
  if (!mayHaveBody(method, settings.status)) {
    response.end();
    return;
  }
  let offset = 0;
  let next: NodeJS.Immediate | undefined;
  const pump = (): void => {
    if (isGone(response)) return;
    const chunk = pageText(offset, CHUNK_BYTES);
    offset += CHUNK_BYTES;
    if (response.write(chunk)) next = setImmediate(pump);
    else response.once('drain', pump);
  };
  response.once('close', () => clearImmediate(next));
  pump();
}

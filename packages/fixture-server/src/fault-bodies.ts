import { bodyChunk, mayHaveBody, sizedHeaders, writeBytes } from './body.js';
import { afterFlush, type FaultContext, RESET_GRACE_MS } from './fault-context.js';

/** `reset-mid-body`: full Content-Length, the first half of the body, then a TCP RST. */
export function resetMidBody({ request, response, settings }: FaultContext): void {
  const socket = request.socket;
  response.writeHead(settings.status, sizedHeaders(settings.sizeBytes));
  // Headers go out even when half the body is 0 bytes, so the client always sees a response start.
  response.flushHeaders();
  writeBytes(response, Math.floor(settings.sizeBytes / 2), () =>
    afterFlush(socket, RESET_GRACE_MS, () => socket.resetAndDestroy()),
  );
}

/** `truncated`: full Content-Length, the first half of the body, then a clean FIN (no RST). */
export function truncated({ request, response, settings }: FaultContext): void {
  const socket = request.socket;
  response.writeHead(settings.status, sizedHeaders(settings.sizeBytes));
  response.flushHeaders();
  // socket.end() queues the FIN behind the bytes already written, so they all arrive first.
  writeBytes(response, Math.floor(settings.sizeBytes / 2), () => socket.end());
}

/** `slow-drip`: headers with the first byte, then one more byte every `dripMs` until `size` bytes are out. */
export function slowDrip({ request, response, settings, dripMs }: FaultContext): void {
  response.writeHead(settings.status, sizedHeaders(settings.sizeBytes));
  // Without a body (HEAD, 204, 304) there is nothing to drip: the response ends at once.
  const size = mayHaveBody(request.method, settings.status) ? settings.sizeBytes : 0;
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  const drip = (): void => {
    if (response.destroyed) return;
    if (sent < size) {
      response.write(bodyChunk(1));
      sent += 1;
    }
    if (sent === size) response.end();
    else timer = setTimeout(drip, dripMs);
  };
  response.once('close', () => clearTimeout(timer));
  drip();
}

/**
 * `endless`: a chunked body that never ends. Each 64 KiB chunk waits for 'drain' when the socket is full
 * (a slow client costs neither memory nor CPU), and for the next turn of the event loop otherwise, so a fast
 * client cannot starve the server's other requests. A status without a body (204, 304, HEAD) just ends.
 */
export function endless({ request, response, settings }: FaultContext): void {
  // No Content-Length: Node frames the body with chunked transfer encoding.
  response.writeHead(settings.status, { 'content-type': 'application/octet-stream' });
  if (!mayHaveBody(request.method, settings.status)) {
    response.end();
    return;
  }
  let next: NodeJS.Immediate | undefined;
  const pump = (): void => {
    if (response.destroyed) return;
    if (response.write(bodyChunk())) next = setImmediate(pump);
    else response.once('drain', pump);
  };
  response.once('close', () => clearImmediate(next));
  pump();
}

import { constants } from 'node:http2';
import { afterFlush, type Exchange, RESET_GRACE_MS, type Reply } from './fault-context.js';

/**
 * The nearest thing each protocol has to "the connection was reset": HTTP/1.1 sends a TCP RST, which ends the
 * connection; HTTP/2 sends RST_STREAM with INTERNAL_ERROR, which ends this request only. Resetting an HTTP/2
 * connection would fail every other stream on it too, a different fault than the one asked for.
 */
export function resetNow(exchange: Exchange): void {
  if (exchange.protocol === 'h2') exchange.stream.close(constants.NGHTTP2_INTERNAL_ERROR);
  else exchange.tcp.resetAndDestroy();
}

/** Resets once what was written is on its way, so the client reads it before the reset lands. */
export function resetAfterFlush(exchange: Exchange): void {
  const target = exchange.protocol === 'h2' ? exchange.stream : exchange.socket;
  afterFlush(target, RESET_GRACE_MS, () => resetNow(exchange));
}

/**
 * Ends the body early but cleanly. HTTP/1.1: a FIN on the connection, queued behind the bytes already written.
 * HTTP/2: END_STREAM short of the announced Content-Length, which RFC 9113 §8.1.1 makes a malformed response the
 * client must refuse (undici and nghttp2 report a PROTOCOL_ERROR on the stream).
 */
export function endEarly(exchange: Exchange, response: Reply): void {
  if (exchange.protocol === 'h2') response.end();
  else exchange.socket.end();
}

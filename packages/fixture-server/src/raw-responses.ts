import { STATUS_CODES } from 'node:http';
import { writeBytes } from './body.js';
import type { FaultContext } from './fault-context.js';

/**
 * The bytes `malformed` sends over HTTP/1.1: a status line whose code is not a number, which every HTTP/1.1 parser
 * must reject. Exported so tests can compare what arrived byte for byte.
 */
export const MALFORMED_RESPONSE: Buffer = Buffer.from('HTTP/1.1 abc\r\n\r\n', 'latin1');

/** The Content-Length `malformed` announces over HTTP/2: not a number, so the response is malformed. */
export const MALFORMED_H2_LENGTH = 'abc';

/**
 * `malformed`. HTTP/1.1: MALFORMED_RESPONSE straight on the socket (bypassing Node's HTTP writer), then a FIN.
 * HTTP/2 has no status line to break (HPACK frames the head, and node:http2 refuses a bad `:status`), so it gets the
 * nearest thing a parser must reject: a HEADERS frame whose content-length is not a number (RFC 9113 §8.1.1), and a
 * body; the client answers with a PROTOCOL_ERROR on that stream, the connection and its other streams live on.
 */
export function malformed({ exchange, response, settings, body }: FaultContext): void {
  if (exchange.protocol === 'h2') {
    response.writeHead(settings.status, { ...body.headers, 'content-length': MALFORMED_H2_LENGTH });
    response.end('not a valid response');
    return;
  }
  exchange.socket.end(MALFORMED_RESPONSE);
}

/**
 * `slow-headers`. HTTP/1.1: the status line at once, then each header line and finally the blank line `dripMs`
 * apart, then the body at full speed and a FIN. Raw socket writes, because Node's HTTP writer sends all headers in
 * one go. `connection: close` because the server's own writer never learns this response ended, so the connection
 * cannot carry another request.
 * HTTP/2 sends a head as one HEADERS frame, so it cannot arrive line by line: the frame leaves when the last line
 * would have (4 × dripMs), then the body at full speed. A client's headers timeout sees the same wait.
 */
export function slowHeaders({ exchange, response, settings, body, dripMs }: FaultContext): void {
  const { status } = settings;
  const fields = Object.entries(body.headers).map(([name, value]) => `${name}: ${value}\r\n`);
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n`,
    ...fields,
    'connection: close\r\n',
    '\r\n',
  ];
  let timer: NodeJS.Timeout | undefined;
  if (exchange.protocol === 'h2') {
    response.once('close', () => clearTimeout(timer));
    timer = setTimeout(
      () => {
        response.writeHead(status, body.headers);
        writeBytes(response, body, body.length, () => response.end());
      },
      (lines.length - 1) * dripMs,
    );
    return;
  }
  const socket = exchange.socket;
  const step = (): void => {
    if (socket.destroyed) return;
    const line = lines.shift();
    if (line === undefined) return;
    socket.write(line, 'latin1');
    if (lines.length > 0) timer = setTimeout(step, dripMs);
    else writeBytes(socket, body, body.length, () => socket.end());
  };
  socket.once('close', () => clearTimeout(timer));
  step();
}

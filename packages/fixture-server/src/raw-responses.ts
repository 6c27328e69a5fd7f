import { STATUS_CODES } from 'node:http';
import { writeBytes } from './body.js';
import type { FaultContext } from './fault-context.js';

/**
 * The bytes `malformed` sends: a status line whose code is not a number, which every HTTP/1.1 parser must reject.
 * Exported so tests can compare what arrived byte for byte.
 */
export const MALFORMED_RESPONSE: Buffer = Buffer.from('HTTP/1.1 abc\r\n\r\n', 'latin1');

/** `malformed`: writes MALFORMED_RESPONSE straight on the socket (bypassing Node's HTTP writer) and ends it. */
export function malformed({ request }: FaultContext): void {
  request.socket.end(MALFORMED_RESPONSE);
}

/**
 * `slow-headers`: the status line at once, then each header line and finally the blank line `dripMs` apart,
 * then the body at full speed and a FIN. Raw socket writes, because Node's HTTP writer sends all headers in one go.
 * `connection: close` because the server's own writer never learns this response ended, so the connection
 * cannot carry another request.
 */
export function slowHeaders({ request, settings, dripMs }: FaultContext): void {
  const socket = request.socket;
  const { status, sizeBytes } = settings;
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n`,
    'content-type: application/octet-stream\r\n',
    `content-length: ${sizeBytes}\r\n`,
    'connection: close\r\n',
    '\r\n',
  ];
  let timer: NodeJS.Timeout | undefined;
  const step = (): void => {
    if (socket.destroyed) return;
    const line = lines.shift();
    if (line === undefined) return;
    socket.write(line, 'latin1');
    if (lines.length > 0) timer = setTimeout(step, dripMs);
    else writeBytes(socket, sizeBytes, () => socket.end());
  };
  socket.once('close', () => clearTimeout(timer));
  step();
}

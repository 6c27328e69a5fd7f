import { connect } from 'node:net';

/** What one raw HTTP exchange looked like from the client's side of the socket. */
export interface RawOutcome {
  readonly data: Buffer;
  /** Every 'data' event: ms since the request was written, and how many bytes came. */
  readonly arrivals: readonly { readonly at: number; readonly bytes: number }[];
  /** The server sent a FIN ('end'); a reset shows up as `error` instead. */
  readonly fin: boolean;
  /** Error code of the socket, e.g. ECONNRESET. */
  readonly error: string | undefined;
  /** The client stopped waiting (after `waitMs` or `maxBytes`) while the connection was still open. */
  readonly gaveUp: boolean;
  /** With `untilComplete`: a whole Content-Length body arrived and the client hung up (keep-alive stays open). */
  readonly complete: boolean;
  /** ms from writing the request to the socket closing or the client giving up. */
  readonly elapsedMs: number;
}

export interface RawOptions {
  readonly waitMs?: number;
  readonly maxBytes?: number;
  /** Hang up as soon as the response announced by Content-Length is complete. */
  readonly untilComplete?: boolean;
}

/**
 * GET `path` over a plain TCP socket to 127.0.0.1 and record every byte and how the connection ended. The
 * request is keep-alive, so a FIN or RST can only come from a fault, never from Node ending a finished response.
 */
export function rawGet(port: number, path: string, options: RawOptions = {}): Promise<RawOutcome> {
  const { waitMs = 5000, maxBytes = Number.POSITIVE_INFINITY, untilComplete = false } = options;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const arrivals: { at: number; bytes: number }[] = [];
    let received = 0;
    let fin = false;
    let error: string | undefined;
    let started = performance.now();
    let settled = false;
    const finish = (gaveUp: boolean, complete = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const elapsedMs = performance.now() - started;
      socket.destroy();
      resolve({ data: Buffer.concat(chunks), arrivals, fin, error, gaveUp, complete, elapsedMs });
    };
    const socket = connect(port, '127.0.0.1', () => {
      started = performance.now();
      socket.write(`GET ${path} HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\n\r\n`);
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      arrivals.push({ at: performance.now() - started, bytes: chunk.length });
      received += chunk.length;
      if (received >= maxBytes) finish(true);
      else if (untilComplete && isComplete(Buffer.concat(chunks))) finish(false, true);
    });
    socket.on('end', () => {
      fin = true;
    });
    socket.on('error', (cause: NodeJS.ErrnoException) => {
      error = cause.code ?? cause.message;
    });
    socket.on('close', () => finish(false));
    const timer = setTimeout(() => finish(true), waitMs);
  });
}

/** Splits a raw response into its head (status line and headers, lower-cased names) and body bytes. */
export function splitResponse(data: Buffer): { statusLine: string; headers: Record<string, string>; body: Buffer } {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) throw new Error(`no complete response head in ${JSON.stringify(data.toString('latin1'))}`);
  const [statusLine = '', ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { statusLine, headers, body: data.subarray(end + 4) };
}

function isComplete(data: Buffer): boolean {
  if (data.indexOf('\r\n\r\n') < 0) return false;
  const { headers, body } = splitResponse(data);
  return headers['content-length'] !== undefined && body.length >= Number(headers['content-length']);
}

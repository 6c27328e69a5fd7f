import type { OutgoingHttpHeaders } from 'node:http';
import type { ServerHttp2Stream } from 'node:http2';
import type { Socket } from 'node:net';
import type { Body, ByteSink } from './body.js';
import type { ResponseSettings } from './settings.js';

/**
 * The part of a response every answer uses, common to node:http's ServerResponse and node:http2's compatibility
 * Http2ServerResponse, so one producer serves both protocols where they agree.
 */
export interface Reply extends ByteSink {
  writeHead(status: number, headers?: OutgoingHttpHeaders): unknown;
  /** Sends the head now (HTTP/2's compatibility response has it too, though its types leave it out). */
  flushHeaders?(): void;
  end(): unknown;
  end(chunk: string): unknown;
  once(event: 'close' | 'drain', listener: () => void): unknown;
}

/**
 * What lies under one exchange. HTTP/1.1: the TCP socket (a raw write, a FIN or an RST is the whole connection's);
 * `tcp` is the plain socket under TLS, since only that one can be reset. HTTP/2: the stream (an RST_STREAM or
 * END_STREAM is this request's alone; the connection and its other streams live on).
 */
export type Exchange =
  | { readonly protocol: 'http/1.1'; readonly socket: Socket; readonly tcp: Socket }
  | { readonly protocol: 'h2'; readonly stream: ServerHttp2Stream };

/** Everything a fault needs to answer one request. */
export interface FaultContext {
  readonly method: string | undefined;
  readonly response: Reply;
  readonly exchange: Exchange;
  /** The request URL, parsed against a dummy origin (only path and query matter). */
  readonly url: URL;
  /** Size and status still shape the faults that send a body. */
  readonly settings: ResponseSettings;
  /** The page as this request gets it (compressed when negotiated); faults that break a page break these bytes. */
  readonly body: Body;
  readonly hops: number;
  readonly dripMs: number;
  /** True when the query named the fault, false when the server's mix drew it. */
  readonly fromQuery: boolean;
}

/**
 * How long a reset waits after its bytes reach the kernel. A client whose unread data is still queued when the
 * RST lands may lose that data or read a plain EOF instead of ECONNRESET (seen on Linux), so the client is given
 * a moment to read what was sent; on loopback a reading client needs far less, but a test runner's event loop
 * can stall for tens of ms.
 */
export const RESET_GRACE_MS = 50;

const NOTHING = Buffer.alloc(0);

/** The subset of a socket or an HTTP/2 stream that `afterFlush` needs. */
interface Flushable {
  readonly destroyed: boolean;
  write(chunk: Buffer, callback: (error?: Error | null) => void): boolean;
  once(event: 'close', listener: () => void): unknown;
}

/**
 * Runs `action` once everything written so far on `target` has been handed on (to the kernel for a socket, to the
 * HTTP/2 session for a stream), plus `graceMs`. An empty write is queued behind the earlier ones, so its callback
 * marks the point they were all flushed.
 */
export function afterFlush(target: Flushable, graceMs: number, action: () => void): void {
  target.write(NOTHING, (error) => {
    if (error || target.destroyed) return;
    const timer = setTimeout(() => {
      if (!target.destroyed) action();
    }, graceMs);
    target.once('close', () => clearTimeout(timer));
  });
}

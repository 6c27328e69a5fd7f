import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ResponseSettings } from './settings.js';

/** Everything a fault needs to answer one request. */
export interface FaultContext {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
  /** The request URL, parsed against a dummy origin (only path and query matter). */
  readonly url: URL;
  /** Size and status still shape the faults that send a body. */
  readonly settings: ResponseSettings;
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

/**
 * Runs `action` once everything written so far on `socket` has been handed to the kernel, plus `graceMs`.
 * An empty write is queued behind the earlier ones, so its callback marks the point they were all flushed.
 */
export function afterFlush(socket: Socket, graceMs: number, action: () => void): void {
  socket.write(NOTHING, (error) => {
    if (error || socket.destroyed) return;
    const timer = setTimeout(() => {
      if (!socket.destroyed) action();
    }, graceMs);
    socket.once('close', () => clearTimeout(timer));
  });
}

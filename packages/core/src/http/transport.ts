import type { Ticket } from './in-flight.js';

/** What one GET gave back, its body read to the end and counted in the ticket. */
export interface Answer {
  readonly status: number;
  readonly location: string | undefined;
}

/**
 * Sends one GET for `url` without following redirects, counts the body into
 * `ticket.bytes` (never keeping it), sets `ticket.midBody` when the headers
 * arrive and `ticket.tooLarge` (and stops) past `maxBodyBytes`, and installs
 * `ticket.canceller` while on the wire. Rejects with the transport's own error.
 */
export interface Transport {
  send(url: string, ticket: Ticket, maxBodyBytes: number): Promise<Answer>;
  /** Releases every connection. Idempotent. */
  close(): Promise<void>;
}

/** The error a transport rejects with once it stopped reading a body over the limit. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** The error a transport rejects with once `ticket.canceller` was called (the ticket says why). */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
}

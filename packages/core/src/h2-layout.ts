/**
 * Streams per HTTP/2 connection. A server may allow fewer or more (Apache and RFC 9113's advice 100, nginx 128,
 * Go 250, Node unlimited): 100 is the number every common server accepts, so more in flight opens another
 * connection instead of waiting on the server's limit.
 */
export const STREAMS_PER_CONNECTION = 100;

/** How `inFlight` requests to one h2 origin are carried: how many connections, and at most how many streams each. */
export interface H2Layout {
  readonly connections: number;
  /** Streams allowed per connection: `connections × streams` is at least `inFlight` and under it + `connections`. */
  readonly streams: number;
}

/**
 * The one home of how fanout opens h2 connections: ⌈inFlight ÷ 100⌉ connections carrying `inFlight` streams in all.
 * Core's transport (http/origins.ts), the bare dispatch loop over h2 (the calibration, the undici peer) and h2load's
 * arguments all follow it, so each of them measures the same wire shape at the same W. Free of imports, so the bare
 * loop's process loads nothing else for it.
 */
export function h2Layout(inFlight: number): H2Layout {
  const connections = Math.max(1, Math.ceil(inFlight / STREAMS_PER_CONNECTION));
  return { connections, streams: Math.max(1, Math.ceil(inFlight / connections)) };
}

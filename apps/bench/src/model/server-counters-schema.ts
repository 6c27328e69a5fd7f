import { z } from 'zod';
import { count } from './schema-parts.js';

export const POINT_PROTOCOLS = ['http/1.1', 'https/1.1', 'h2', 'h2 + https/1.1'] as const;

// ── Server counters (issue 19, proto-bench's lines): what the fixture server saw of a point. ──────────
/**
 * The fixture server's counters over a point's timed batches (reset after the warm-up, read after the last batch),
 * the control routes' own connections taken out (run/counters.ts). Only requests and maxInFlight in reports from
 * before issue 19; the rest optional for them.
 */
export const serverCountersSchema = z.object({
  /** Requests answered. */
  requests: count,
  /** Most requests in flight at once, at the server. */
  maxInFlight: count,
  /** TCP connections the batches used: open at the reset (kept from the warm-up) plus opened during them. */
  connections: count.optional(),
  /** Full TLS handshakes during the batches (key exchange and certificate: a new connection's cost). */
  tlsHandshakes: count.optional(),
  /** TLS handshakes that resumed an earlier session. */
  tlsResumed: count.optional(),
  /** Connections that spoke HTTP/2 (ALPN h2): open at the reset plus opened during the batches. */
  http2Sessions: count.optional(),
  /** Requests that came as HTTP/2 streams: equal to requests when every request went over h2, 0 over HTTP/1.1. */
  http2Streams: count.optional(),
  /** What the requests spoke, from the streams and the scheme: "h2", "https/1.1", "http/1.1" or "h2 + https/1.1". */
  protocol: z.enum(POINT_PROTOCOLS).optional(),
});

import { FAULT_NAMES, type FaultName } from './faults.js';

/**
 * What the server saw; lets a test prove a client's concurrency limit, and count what its connections cost, from
 * the other side of the socket. Counters of events (requests, connections, handshakes, sessions, streams) count
 * since the last reset; `inFlight` and `openConnections` are true to the moment.
 */
export interface ServerStats {
  /** Requests answered, control routes excluded. */
  readonly requests: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
  readonly openConnections: number;
  /** TCP connections opened since the reset, plus those open at the reset. */
  readonly connections: number;
  /** Full TLS handshakes completed (a new session: key exchange and certificate). */
  readonly tlsHandshakes: number;
  /** TLS handshakes that resumed an earlier session (no certificate, cheaper key exchange). */
  readonly tlsResumed: number;
  /** Connections that negotiated HTTP/2 (ALPN h2) since the reset, plus those open at the reset. */
  readonly http2Sessions: number;
  /** Requests that came as HTTP/2 streams, control routes excluded (so at most `requests`). */
  readonly http2Streams: number;
  /** Requests answered with each fault, every name of FAULT_NAMES present (0 when unused) for a stable shape. */
  readonly faults: Record<string, number>;
}

export interface Gauge {
  requestStarted(http2: boolean): void;
  requestEnded(): void;
  connectionOpened(): void;
  connectionClosed(): void;
  tlsHandshake(resumed: boolean): void;
  sessionOpened(): void;
  sessionClosed(): void;
  faultProduced(fault: FaultName): void;
  stats(): ServerStats;
  /** Zeroes the counters; in-flight, open connections and open sessions stay true to the moment. */
  reset(): void;
}

function noFaults(): Record<FaultName, number> {
  return Object.fromEntries(FAULT_NAMES.map((name) => [name, 0])) as Record<FaultName, number>;
}

export function createGauge(): Gauge {
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let openConnections = 0;
  let connections = 0;
  let tlsHandshakes = 0;
  let tlsResumed = 0;
  let openSessions = 0;
  let http2Sessions = 0;
  let http2Streams = 0;
  let faults = noFaults();
  return {
    requestStarted(http2) {
      requests += 1;
      if (http2) http2Streams += 1;
      inFlight += 1;
      if (inFlight > maxInFlight) maxInFlight = inFlight;
    },
    requestEnded() {
      inFlight -= 1;
    },
    connectionOpened() {
      openConnections += 1;
      connections += 1;
    },
    connectionClosed() {
      openConnections -= 1;
    },
    tlsHandshake(resumed) {
      if (resumed) tlsResumed += 1;
      else tlsHandshakes += 1;
    },
    sessionOpened() {
      openSessions += 1;
      http2Sessions += 1;
    },
    sessionClosed() {
      openSessions -= 1;
    },
    faultProduced(fault) {
      faults[fault] += 1;
    },
    // A copy, so a caller holding an earlier snapshot does not see it change.
    stats: () => ({
      requests,
      inFlight,
      maxInFlight,
      openConnections,
      connections,
      tlsHandshakes,
      tlsResumed,
      http2Sessions,
      http2Streams,
      faults: { ...faults },
    }),
    reset() {
      requests = 0;
      maxInFlight = inFlight;
      connections = openConnections;
      tlsHandshakes = 0;
      tlsResumed = 0;
      http2Sessions = openSessions;
      http2Streams = 0;
      faults = noFaults();
    },
  };
}

/** What the server saw; lets a test prove a client's concurrency limit from the other side of the socket. */
export interface ServerStats {
  readonly requests: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
  readonly openConnections: number;
  readonly connections: number;
}

export interface Gauge {
  requestStarted(): void;
  requestEnded(): void;
  connectionOpened(): void;
  connectionClosed(): void;
  stats(): ServerStats;
  /** Zeroes the counters; in-flight and open connections stay true to the moment. */
  reset(): void;
}

export function createGauge(): Gauge {
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let openConnections = 0;
  let connections = 0;
  return {
    requestStarted() {
      requests += 1;
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
    stats: () => ({ requests, inFlight, maxInFlight, openConnections, connections }),
    reset() {
      requests = 0;
      maxInFlight = inFlight;
      connections = openConnections;
    },
  };
}

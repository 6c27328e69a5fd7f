import { FAULT_NAMES, type FaultName } from './faults.js';

/** What the server saw; lets a test prove a client's concurrency limit from the other side of the socket. */
export interface ServerStats {
  readonly requests: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
  readonly openConnections: number;
  readonly connections: number;
  /** Requests answered with each fault, every name of FAULT_NAMES present (0 when unused) for a stable shape. */
  readonly faults: Record<string, number>;
}

export interface Gauge {
  requestStarted(): void;
  requestEnded(): void;
  connectionOpened(): void;
  connectionClosed(): void;
  faultProduced(fault: FaultName): void;
  stats(): ServerStats;
  /** Zeroes the counters; in-flight and open connections stay true to the moment. */
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
  let faults = noFaults();
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
    faultProduced(fault) {
      faults[fault] += 1;
    },
    // A copy, so a caller holding an earlier snapshot does not see it change.
    stats: () => ({ requests, inFlight, maxInFlight, openConnections, connections, faults: { ...faults } }),
    reset() {
      requests = 0;
      maxInFlight = inFlight;
      connections = openConnections;
      faults = noFaults();
    },
  };
}

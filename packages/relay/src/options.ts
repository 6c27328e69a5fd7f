import { ALLOW_REMOTE_FLAG, isLoopbackUrl } from '@fanout/core';
import { LOOPBACK_HOST } from '@fanout/fixture-server';

export interface RelayOptions {
  /** Where connections go: an http(s) URL (only its host and port are used; TLS passes through untouched). */
  readonly target: string;
  /** Round-trip time added to every path, in ms: each chunk is held rttMs / 2 in each direction. */
  readonly rttMs: number;
  /** Each connection's rate in each direction, in Mbit/s (10^6 bits); absent: not paced. */
  readonly bandwidthMbit?: number;
  /** Where the relay listens: loopback unless told otherwise. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** A target off this machine needs this: a relay must not become a way around the loopback rule. */
  readonly allowRemoteTarget?: boolean;
}

export const RELAY_LIMITS = { rttMs: { min: 0, max: 60_000 }, bandwidthMbit: { min: 0.001, max: 1_000_000 } } as const;

export interface RelayPlan {
  readonly targetHost: string;
  readonly targetPort: number;
  /** The target URL with the relay in its place, made once the relay's port is known. */
  readonly relayedUrl: (port: number) => string;
  readonly rttMs: number;
  readonly bytesPerMs: number | undefined;
  readonly host: string;
  readonly port: number;
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443 };

/** Checks the options once, at the edge; throws an Error naming the bad value. */
export function planRelay(options: RelayOptions): RelayPlan {
  const { target, rttMs, bandwidthMbit, host = LOOPBACK_HOST, port = 0, allowRemoteTarget = false } = options;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new Error(`relay target must be an http or https URL, got ${JSON.stringify(target)}`);
  }
  const defaultPort = DEFAULT_PORTS[url.protocol];
  if (defaultPort === undefined) {
    throw new Error(`relay target must be an http or https URL, got ${JSON.stringify(target)}`);
  }
  const targetHost = url.hostname.replace(/^\[(.*)\]$/, '$1');
  // The run's own reach rule (core's), so the relay can never reach what a run could not.
  if (!allowRemoteTarget && !isLoopbackUrl(target)) {
    throw new Error(
      `relay target ${JSON.stringify(target)} is not on loopback; a remote target needs ${ALLOW_REMOTE_FLAG}`,
    );
  }
  const { rttMs: rtt, bandwidthMbit: rate } = RELAY_LIMITS;
  if (!(Number.isFinite(rttMs) && rttMs >= rtt.min && rttMs <= rtt.max)) {
    throw new Error(`rtt must be a number of ms in [${rtt.min}, ${rtt.max}], got ${String(rttMs)}`);
  }
  if (
    bandwidthMbit !== undefined &&
    !(Number.isFinite(bandwidthMbit) && bandwidthMbit >= rate.min && bandwidthMbit <= rate.max)
  ) {
    throw new Error(`bandwidth must be a number of Mbit/s in [${rate.min}, ${rate.max}], got ${String(bandwidthMbit)}`);
  }
  if (!(Number.isInteger(port) && port >= 0 && port <= 65_535)) {
    throw new Error(`port must be an integer in [0, 65535], got ${String(port)}`);
  }
  return {
    targetHost,
    targetPort: url.port === '' ? defaultPort : Number(url.port),
    relayedUrl: (relayPort) => {
      const relayed = new URL(url);
      relayed.port = String(relayPort);
      // The origin (scheme, host name kept for TLS's certificate check), and the path if the target had one.
      return url.pathname === '/' && url.search === '' ? relayed.origin : relayed.href;
    },
    rttMs,
    // Mbit/s → bytes per ms: × 10^6 bits, ÷ 8 bits a byte, ÷ 1000 ms a second.
    bytesPerMs: bandwidthMbit === undefined ? undefined : (bandwidthMbit * 1_000_000) / 8 / 1000,
    host,
    port,
  };
}

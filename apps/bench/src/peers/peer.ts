import type { LatencyPercentiles } from '@fanout/core';
import type { WarmUpDone } from '../harness/warm-up-rule.js';
import type { PeerJobs } from './protocol.js';

/**
 * What the points speak to the target, as a peer must speak it too or be left out (issue 19). The run's settings,
 * narrowed by what the target answered: `http2` only when h2 was offered and the target chose it by ALPN.
 */
export interface PeerProtocol {
  /** https: the target's certificate verified through `ca` (and the default roots) before any peer ran. */
  readonly tls: boolean;
  /** PEM of the CA the run trusts beside the default roots: the embedded server's, or --ca's. */
  readonly ca: string | undefined;
  /** The points speak HTTP/2 (h2 offered, and chosen by the target). */
  readonly http2: boolean;
  /** The coding the points ask for and decode (--compress). */
  readonly compress: 'gzip' | 'br' | undefined;
}

/** Plaintext HTTP/1.1, identity bodies: the protocol of a plan that names none. */
export const PLAINTEXT: PeerProtocol = { tls: false, ca: undefined, http2: false, compress: undefined };

/** What a peer is asked to do: the same jobs, concurrency and target as the strategies' points, under the same guard. */
export interface PeerPlan extends PeerJobs {
  /** What the points spoke; plaintext HTTP/1.1 when absent. */
  readonly protocol?: PeerProtocol;
  /** Redirect hops a job may follow (--max-redirects), for the peers that follow redirects at all. */
  readonly maxRedirects: number;
  /** --allow-remote: a redirect to a host that is not loopback may be followed; otherwise it is refused. */
  readonly allowRemote: boolean;
  /** --max-per-host: with --allow-remote, requests in flight to one remote origin at most. */
  readonly maxPerHost: number;
  readonly signal: AbortSignal;
}

/** What a peer measured: one time per timed batch, and what it can tell of the answers. */
export interface PeerMeasurement {
  /** Milliseconds per timed batch of `jobs` requests (derived from the rate for duration-based tools). */
  readonly batchesMs: readonly number[];
  /** User + system CPU of the peer's process and its threads per timed batch of `jobs` requests, where measured. */
  readonly cpuMsPerBatch?: number;
  /** Answers per batch that were 2xx, and those that were not or failed, where the peer counts them. */
  readonly succeeded?: number;
  readonly failed?: number;
  /** The last batch's failures by kind, where the peer names them (the Python peers). */
  readonly errors?: Readonly<Record<string, number>>;
  /** Per-request latency percentiles where the peer gives them. */
  readonly latencyMs?: LatencyPercentiles;
  /** What the warm-up rule ran before the timed batches (for duration-based tools: in requests). */
  readonly warmUp: WarmUpDone;
  /** One line: exactly what ran (tool, version, flags). */
  readonly measures: string;
}

export interface Peer {
  readonly name: string;
  /** Undefined when it can run here; otherwise why not and how to install it. */
  unavailable(): Promise<string | undefined>;
  /**
   * Undefined when it speaks `protocol` as the points did; otherwise why it is left out (never run over something
   * else). Checked after `unavailable`.
   */
  unspoken(protocol: PeerProtocol): Promise<string | undefined>;
  run(plan: PeerPlan): Promise<PeerMeasurement>;
}

export const PEER_NAMES = ['undici-pool', 'autocannon', 'wrk', 'h2load', 'python-asyncio', 'python-threads'] as const;
export type PeerName = (typeof PEER_NAMES)[number];

import type { LatencyPercentiles } from '@fanout/core';
import type { WarmUpDone } from '../harness/warm-up-rule.js';
import type { PeerJobs } from './protocol.js';

/** What a peer is asked to do: the same jobs, concurrency and target as the strategies' points, under the same guard. */
export interface PeerPlan extends PeerJobs {
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
  run(plan: PeerPlan): Promise<PeerMeasurement>;
}

export const PEER_NAMES = ['undici-pool', 'autocannon', 'wrk', 'python-asyncio', 'python-threads'] as const;
export type PeerName = (typeof PEER_NAMES)[number];

/** Load generators: the fastest clients there are, as the bar for "how close to the wire". */
export const LOAD_GENERATORS: readonly PeerName[] = ['autocannon', 'wrk'];

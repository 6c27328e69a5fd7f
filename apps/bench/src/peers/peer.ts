/** What a peer is asked to do: the same jobs, concurrency and target as the strategies' points. */
export interface PeerPlan {
  /** Distinct URLs in job order; jobs cycle through them. */
  readonly urls: readonly string[];
  readonly jobs: number;
  readonly concurrency: number;
  /** Timed batches, after the peer's own untimed warm-up. */
  readonly batches: number;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/** What a peer measured: one time per timed batch, and what it can tell of the answers. */
export interface PeerMeasurement {
  /** Milliseconds per timed batch of `jobs` requests (derived from the rate for duration-based tools). */
  readonly batchesMs: readonly number[];
  /** Answers per batch that were 2xx, and those that were not or failed, where the peer counts them. */
  readonly succeeded?: number;
  readonly failed?: number;
  /** Per-request latency percentiles where the peer gives them. */
  readonly latencyMs?: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
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

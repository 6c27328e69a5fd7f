import type { LatencyPercentiles } from '@fanout/core';
import type { WarmUpDone } from '../harness/warm-up-rule.js';

/**
 * What the orchestrator and a peer's own process say to each other: types only, so a peer's process that reads them
 * loads nothing (no zod, no fanout core). The orchestrator checks what comes back (peers/replies.ts).
 */

/** The same jobs, concurrency and target as the strategies' points. */
export interface PeerJobs {
  /** Distinct URLs in job order; jobs cycle through them. */
  readonly urls: readonly string[];
  readonly jobs: number;
  readonly concurrency: number;
  /** Timed batches, after the warm-up rule (harness/warm-up-rule.ts). */
  readonly batches: number;
  readonly timeoutMs: number;
}

/** Node peers, run in a process of their own (peers/node-child.ts). */
export type NodePeerKind = 'undici-pool' | 'autocannon';

/** How a Node peer speaks to the target, as the points did (peer.ts PeerProtocol, what its process needs of it). */
export interface NodePeerClient {
  /** A file with the PEM of the CA to trust beside the default roots (https targets): peers/ca-file.ts. */
  readonly caFile?: string;
  /** The points spoke h2: so does the undici peer (autocannon is left out of such a run). */
  readonly http2?: true;
  /** The coding to ask for (bodies are counted as they come, not decoded). */
  readonly acceptEncoding?: string;
}

/** Orchestrator → Node peer process: its first argument, as JSON. */
export interface NodePeerPlan extends PeerJobs {
  readonly peer: NodePeerKind;
  readonly client: NodePeerClient;
}

/** One timed batch of `jobs` requests as the client measured it. */
export interface TimedBatch {
  readonly ms: number;
  /** User + system CPU of the client's process and its threads during the batch. */
  readonly cpuMs: number;
  /** Answers that were 2xx, and those that were not or failed. */
  readonly succeeded: number;
  readonly failed: number;
}

/** Node peer process → orchestrator: one JSON line on stdout. */
export interface NodePeerReply {
  readonly batches: readonly TimedBatch[];
  readonly warmUp: WarmUpDone;
  /** Per-request latency over the timed batches, where the client times requests. */
  readonly latencyMs?: LatencyPercentiles | undefined;
}

/** Orchestrator → Python peer: its first argument, as JSON (the jobs, and what the remote guard allows). */
export interface PythonPeerSettings {
  readonly urls: readonly string[];
  readonly concurrency: number;
  readonly timeoutMs: number;
  /** Redirect hops a job may follow, as --max-redirects gives the points. */
  readonly maxRedirects: number;
  /** --allow-remote: hops to hosts that are not loopback are followed, at most maxPerHost at once per origin. */
  readonly allowRemote: boolean;
  readonly maxPerHost: number;
  /** A file with the PEM of the CA to trust beside the default roots (https targets), or null: peers/ca-file.ts. */
  readonly caFile: string | null;
  /** The Accept-Encoding to send: the run's coding (decoded by the library), else identity, as the points ask. */
  readonly acceptEncoding: string;
}

/**
 * Orchestrator → Python peer, one JSON line on stdin per step: run the batch's first `jobs` jobs. The peer answers
 * each step with one PythonStepReply line on stdout; at the end of stdin it exits.
 */
export interface PythonStep {
  readonly jobs: number;
}

export interface PythonStepReply extends TimedBatch {
  /** Failures by kind (an exception's name, "HTTP 404", "RedirectRefused"). */
  readonly errors: Readonly<Record<string, number>>;
}

import type { PeerRecord } from '../model/schema.js';
import type { PeerName } from './peer.js';
import { PEERS } from './registry.js';
import { spreadOf } from './statistics.js';

export interface PeerRunPlan {
  readonly peers: readonly PeerName[];
  readonly urls: readonly string[];
  readonly jobs: number;
  readonly concurrency: readonly number[];
  /** Timed batches (after the warm-up). */
  readonly batches: number;
  readonly timeoutMs: number;
  /** Remote targets: peers above this concurrency are not run, like points. */
  readonly maxInFlight: number | undefined;
  /** The remote guard, as the points get it: hops a job may follow, whether remote hosts are allowed, the cap. */
  readonly maxRedirects: number;
  readonly allowRemote: boolean;
  readonly maxPerHost: number;
  readonly signal: AbortSignal;
  readonly onPeer?: (record: PeerRecord) => void;
}

/**
 * Each peer against the same target, with the same job count and concurrency,
 * after the strategies' points. A peer that is not installed, or fails, is
 * listed with the reason; fanout never requires one.
 */
export async function runPeers(plan: PeerRunPlan): Promise<PeerRecord[]> {
  const records: PeerRecord[] = [];
  for (const concurrency of plan.concurrency) {
    for (const name of plan.peers) {
      if (plan.signal.aborted) return records;
      const key = { strategy: name, concurrency, jobs: plan.jobs, peer: true as const };
      const record = await measure(name, concurrency, plan).then(
        (measured): PeerRecord => ({ ...key, ...measured }),
        (error: unknown): PeerRecord => ({ ...key, skipped: `failed: ${(error as Error).message}` }),
      );
      records.push(record);
      plan.onPeer?.(record);
    }
  }
  return records;
}

async function measure(name: PeerName, concurrency: number, plan: PeerRunPlan) {
  if (plan.maxInFlight !== undefined && concurrency > plan.maxInFlight) {
    return { skipped: `W = ${concurrency} exceeds --max-per-host ${plan.maxInFlight} for a remote target` };
  }
  const peer = PEERS[name];
  const missing = await peer.unavailable();
  if (missing) return { skipped: missing };
  const result = await peer.run({ ...plan, concurrency });
  const spread = spreadOf(result.batchesMs);
  return {
    measures: result.measures,
    meanBatchMs: spread.mean,
    minMs: spread.min,
    maxMs: spread.max,
    medianBatchMs: spread.median,
    rme: spread.rme ?? null,
    samples: result.batchesMs.length,
    requestsPerSecond: spread.mean > 0 ? (plan.jobs * 1000) / spread.mean : 0,
    ...(result.cpuMsPerBatch !== undefined ? { cpuMsPerBatch: result.cpuMsPerBatch } : {}),
    ...(result.succeeded !== undefined ? { succeeded: result.succeeded } : {}),
    ...(result.failed !== undefined ? { failed: result.failed } : {}),
    ...(result.latencyMs ? { latencyMs: result.latencyMs } : {}),
  };
}

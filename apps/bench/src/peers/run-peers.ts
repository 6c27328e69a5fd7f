import type { PeerRecord } from '../model/schema.js';
import { type PeerName, type PeerProtocol, PLAINTEXT } from './peer.js';
import { PEERS } from './registry.js';
import { spreadOf } from './statistics.js';
import { probeTls } from './tls-probe.js';

/** What the run asked the clients to speak (before the target answered); TLS is the URLs' scheme. */
export interface RunProtocol {
  readonly ca: string | undefined;
  readonly offerH2: boolean;
  readonly compress: 'gzip' | 'br' | undefined;
}

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
  /** Plaintext HTTP/1.1 with identity bodies when absent. */
  readonly protocol?: RunProtocol;
  readonly onPeer?: (record: PeerRecord) => void;
}

/**
 * Each peer against the same target, with the same job count, concurrency and protocol, after the strategies'
 * points. A peer that is not installed, cannot speak the protocol the points spoke, or fails, is listed with the
 * reason; fanout never requires one.
 */
export async function runPeers(plan: PeerRunPlan): Promise<PeerRecord[]> {
  const records: PeerRecord[] = [];
  const spoken = plan.peers.length > 0 ? await spokenProtocol(plan) : { protocol: PLAINTEXT };
  for (const concurrency of plan.concurrency) {
    for (const name of plan.peers) {
      if (plan.signal.aborted) return records;
      const key = { strategy: name, concurrency, jobs: plan.jobs, peer: true as const };
      const record: PeerRecord =
        'refused' in spoken
          ? { ...key, skipped: spoken.refused }
          : await measure(name, concurrency, plan, spoken.protocol).then(
              (measured): PeerRecord => ({ ...key, ...measured }),
              (error: unknown): PeerRecord => ({ ...key, skipped: `failed: ${(error as Error).message}` }),
            );
      records.push(record);
      plan.onPeer?.(record);
    }
  }
  return records;
}

/**
 * What the peers must speak: the run's protocol, with h2 only where the target chose it. Over TLS, one verified
 * connection first (tls-probe.ts): a target whose certificate does not verify (or that cannot be reached) gets no
 * peer at all, as the points' jobs all fail on it, and the peers that do not verify themselves never run against it.
 */
async function spokenProtocol(plan: PeerRunPlan): Promise<{ protocol: PeerProtocol } | { refused: string }> {
  const asked = plan.protocol;
  if (!asked) return { protocol: PLAINTEXT };
  const url = plan.urls[0];
  if (url === undefined || !url.startsWith('https:')) return { protocol: { ...PLAINTEXT, compress: asked.compress } };
  const probe = await probeTls(url, asked.ca, asked.offerH2);
  if (!probe.ok) {
    return {
      refused: `a TLS connection verifying the target's certificate through the run's CA failed (${probe.reason}): no peer is run against it`,
    };
  }
  return { protocol: { tls: true, ca: asked.ca, http2: probe.alpn === 'h2', compress: asked.compress } };
}

async function measure(name: PeerName, concurrency: number, plan: PeerRunPlan, protocol: PeerProtocol) {
  if (plan.maxInFlight !== undefined && concurrency > plan.maxInFlight) {
    return { skipped: `W = ${concurrency} exceeds --max-per-host ${plan.maxInFlight} for a remote target` };
  }
  const peer = PEERS[name];
  const missing = (await peer.unavailable()) ?? (await peer.unspoken(protocol));
  if (missing) return { skipped: missing };
  const result = await peer.run({ ...plan, concurrency, protocol });
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

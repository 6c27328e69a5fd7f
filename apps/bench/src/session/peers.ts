import type { RunConfig } from '../config.js';
import type { PeerRecord } from '../model/schema.js';
import { runPeers } from '../peers/run-peers.js';
import type { Target } from '../target/target.js';
import { reachOf } from '../target/urls.js';

/** The peers against the same target, jobs and concurrency list as the points; one line per peer on stderr. */
export async function runPeersStep(config: RunConfig, target: Target, signal: AbortSignal): Promise<PeerRecord[]> {
  const reach = reachOf(config);
  return runPeers({
    peers: config.peers,
    // The URLs the jobs cycle through: every peer cycles through them as the jobs do.
    urls: target.urls,
    jobs: config.jobs,
    concurrency: config.concurrency,
    batches: config.batches.min,
    timeoutMs: config.timeoutMs,
    // Peers cannot keep a cap per origin: with --allow-remote (any hop may be remote) they stay within it in all.
    maxInFlight: reach.maxPerOrigin,
    // The remote guard, as the points get it (the Python peers follow redirects under it; the others follow none).
    maxRedirects: config.maxRedirects,
    allowRemote: reach.allowRemote,
    maxPerHost: config.maxPerHost,
    signal,
    // What the points speak; the peers narrow it to what the target chose (h2 or not) and leave out who cannot.
    protocol: {
      ca: target.ca,
      offerH2: config.protocol.http2,
      compress: config.protocol.compress,
    },
    onPeer: (record) =>
      process.stderr.write(
        `peer ${record.strategy} W=${record.concurrency}: ${'skipped' in record ? `skipped: ${record.skipped}` : `${Math.round(record.requestsPerSecond)} req/s`}\n`,
      ),
  });
}

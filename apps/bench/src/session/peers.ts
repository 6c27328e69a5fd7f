import type { RunConfig } from '../config.js';
import type { PeerRecord } from '../model/schema.js';
import { runPeers } from '../peers/run-peers.js';
import type { Target } from '../target/target.js';
import { reachOf } from '../target/urls.js';

/** The peers against the same target, jobs and concurrency list as the points; one line per peer on stderr. */
export async function runPeersStep(config: RunConfig, target: Target, signal: AbortSignal): Promise<PeerRecord[]> {
  const unspoken = protocolPeersLack(config);
  if (unspoken) {
    // Left out with the reason, never run over something else than the points spoke.
    const records = config.concurrency.flatMap((concurrency) =>
      config.peers.map((strategy) => ({
        strategy,
        concurrency,
        jobs: config.jobs,
        peer: true as const,
        skipped: unspoken,
      })),
    );
    for (const record of records)
      process.stderr.write(`peer ${record.strategy} W=${record.concurrency}: skipped: ${unspoken}\n`);
    return records;
  }
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
    onPeer: (record) =>
      process.stderr.write(
        `peer ${record.strategy} W=${record.concurrency}: ${'skipped' in record ? `skipped: ${record.skipped}` : `${Math.round(record.requestsPerSecond)} req/s`}\n`,
      ),
  });
}

/**
 * Why the peers cannot run this run's protocol, or undefined when they can: they speak plaintext HTTP/1.1 and
 * identity bodies here (wrk, autocannon and the undici peer over https with the CA, h2load for HTTP/2 and the Python
 * peers with an SSL context are not built yet: issue 19).
 */
function protocolPeersLack({ protocol, urls }: RunConfig): string | undefined {
  const https = protocol.tls || (urls ?? []).some((url) => url.startsWith('https:'));
  const asked = [https ? 'HTTPS' : undefined, protocol.http2 ? 'HTTP/2' : undefined, protocol.compress]
    .filter((part) => part !== undefined)
    .join(', ');
  return asked
    ? `the peers speak plaintext HTTP/1.1 here, not ${asked} (peers over TLS and h2 are not built yet)`
    : undefined;
}

import { type FixtureServer, startFixtureServer } from '@fanout/fixture-server';
import type { PeerName, PeerPlan, PeerProtocol } from '../src/peers/peer.js';
import type { PeerRunPlan } from '../src/peers/run-peers.js';

/** The peers' tests' run plan: W = 4, 5 s timeouts, redirects under the default guard; `extra` overrides. */
export function peerRunPlan(
  urls: readonly string[],
  peers: readonly PeerName[],
  extra: Partial<PeerRunPlan> = {},
): PeerRunPlan {
  return {
    peers,
    urls,
    jobs: 200,
    concurrency: [4],
    batches: 2,
    timeoutMs: 5000,
    maxInFlight: undefined,
    maxRedirects: 5,
    allowRemote: false,
    maxPerHost: 8,
    signal: new AbortController().signal,
    ...extra,
  };
}

/** One peer's plan (what `Peer.run` takes) from a run plan, at W = `concurrency`, speaking `protocol`. */
export function peerPlanOf(
  { peers: _peers, maxInFlight: _cap, concurrency: _w, protocol: _asked, onPeer: _onPeer, ...rest }: PeerRunPlan,
  concurrency: number,
  protocol?: PeerProtocol,
): PeerPlan {
  return { ...rest, concurrency, ...(protocol ? { protocol } : {}) };
}

/** Two HTTPS fixture servers with gzip bodies of `size` bytes: one offering h2 and HTTP/1.1, one HTTP/1.1 only. */
export async function startTlsServers(size: number): Promise<{ h2: FixtureServer; h1: FixtureServer }> {
  const options = { port: 0, sizeBytes: size, latencyMs: 0, tls: true, compress: 'gzip' } as const;
  const [h2, h1] = await Promise.all([startFixtureServer({ ...options, http2: true }), startFixtureServer(options)]);
  return { h2, h1 };
}

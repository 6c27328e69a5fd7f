import { type FixtureServer, startFixtureServer } from '@fanout/fixture-server';
import { afterAll, beforeAll } from 'vitest';
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

/**
 * Two HTTPS fixture servers with gzip bodies of `size` bytes for the file's tests, started before them and closed
 * after: `h2` offers h2 and HTTP/1.1, `h1` HTTP/1.1 only.
 */
export function tlsServers(size: number): { readonly h2: FixtureServer; readonly h1: FixtureServer } {
  const started: { h2?: FixtureServer; h1?: FixtureServer } = {};
  beforeAll(async () => {
    // 2 ms a request: the peers' warm-up second and wrk's 1 s runs spin far fewer requests than at 0 ms.
    const options = { port: 0, sizeBytes: size, latencyMs: 2, tls: true, compress: 'gzip' } as const;
    [started.h2, started.h1] = await Promise.all([
      startFixtureServer({ ...options, http2: true }),
      startFixtureServer(options),
    ]);
  });
  afterAll(() => Promise.all([started.h2?.close(), started.h1?.close()]));
  return {
    get h2() {
      return started.h2 as FixtureServer;
    },
    get h1() {
      return started.h1 as FixtureServer;
    },
  };
}

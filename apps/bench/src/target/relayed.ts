import { type RelayProcess, spawnRelay } from '@fanout/relay';
import type { NetworkSettings } from './protocol.js';
import type { Target } from './target.js';

/**
 * The target behind the relay (packages/relay, in its own process so its CPU is billed to no strategy): one relay
 * per origin of the job URLs, each holding every chunk RTT/2 each way, charging a new connection its TCP handshake,
 * and pacing each connection when a bandwidth is given. Jobs and the calibration go through it; the control routes
 * (counters) do not, so reading them costs the points no round trip.
 */
export async function relayedTarget(target: Target, network: NetworkSettings): Promise<Target> {
  const origins = [...new Set([...target.urls, ...target.calibrationUrls].map((url) => new URL(url).origin))];
  const relays = new Map<string, RelayProcess>();
  try {
    for (const origin of origins) {
      relays.set(
        origin,
        await spawnRelay({
          target: origin,
          rttMs: network.rttMs,
          ...(network.bandwidthMbit === undefined ? {} : { bandwidthMbit: network.bandwidthMbit }),
        }),
      );
    }
  } catch (error) {
    await Promise.all([...relays.values()].map((relay) => relay.close()));
    throw error;
  }
  const through = (url: string) => {
    const parsed = new URL(url);
    const relay = relays.get(parsed.origin) as RelayProcess;
    parsed.port = new URL(relay.url).port;
    return parsed.href;
  };
  const rate = network.bandwidthMbit === undefined ? '' : `, ${network.bandwidthMbit} Mbit/s per connection`;
  return {
    ...target,
    description: `${target.description}; through a relay adding a ${network.rttMs} ms round trip${rate}`,
    urls: target.urls.map(through),
    calibrationUrls: target.calibrationUrls.map(through),
    async close() {
      await Promise.all([...relays.values()].map((relay) => relay.close()));
      await target.close();
    },
  };
}

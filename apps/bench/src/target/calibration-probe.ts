import type { BareClientOptions } from '@fanout/core/bare';
import { probeTls } from '../peers/tls-probe.js';

/**
 * The calibration's client, told which origins speak h2. The points offer h2 and multiplex wherever ALPN chose it
 * (core's transport); the bare loop must know before it opens its Pool (undici would pipeline HTTP/1.1 on a server
 * that chose it), so each https origin gets one verified TLS connection first, the peers' probe (peers/tls-probe.ts),
 * offering what the points offer. An origin whose probe fails or chooses http/1.1 is calibrated over HTTP/1.1
 * connections, as before; a plaintext run or one without --http2 probes nothing.
 */
export async function withH2Origins(
  urls: readonly string[],
  client: BareClientOptions | undefined,
): Promise<BareClientOptions | undefined> {
  if (client?.http2 !== true) return client;
  const origins = [...new Set(urls.map((url) => new URL(url).origin))].filter((origin) => origin.startsWith('https:'));
  const probes = await Promise.all(origins.map((origin) => probeTls(origin, client.ca, true)));
  const h2Origins = origins.filter((_, index) => {
    const probe = probes[index];
    return probe?.ok === true && probe.alpn === 'h2';
  });
  return h2Origins.length === 0 ? client : { ...client, h2Origins };
}

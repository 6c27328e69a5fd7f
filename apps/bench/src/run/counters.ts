import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { RESET_PATH, type ServerStats, STATS_PATH } from '@fanout/fixture-server';
import type { ServerCounters } from '../model/schema.js';

/** The fixture server's counters as a point's timed batches made them, the control routes' own connections taken out. */
export type PointCounters = Required<ServerCounters>;

/** What the requests spoke: every one a stream (h2), none (HTTP/1.1, over TLS or not), or some of each. */
export function protocolOf(
  stats: Pick<ServerStats, 'requests' | 'http2Streams'>,
  tls: boolean,
): PointCounters['protocol'] {
  if (!tls) return 'http/1.1';
  if (stats.http2Streams === 0) return 'https/1.1';
  return stats.http2Streams >= stats.requests ? 'h2' : 'h2 + https/1.1';
}

/**
 * The embedded fixture server's counters, read from inside a point's process over node:http (node:https with the
 * run's CA), one fresh connection per call: the harness brings no HTTP client of its own into the process it
 * measures (undici is there only when the strategy loads it), so the baseline RSS is Node, the harness and the
 * strategy module.
 *
 * The server counts every connection, the control routes' too: the reset's connection is open at the reset (so it
 * is counted), and the stats call opens one more, with a full TLS handshake over TLS (no session cache here). Both
 * are taken out, so the counts are the strategy's own. HTTP/1.1 only (no ALPN offered): no HTTP/2 session to take out.
 */
export function serverCounters(baseUrl: string, ca?: string) {
  const https = new URL(baseUrl).protocol === 'https:';
  const call = (path: string) =>
    new Promise<{ stats: ServerStats; resumed: boolean }>((resolve, reject) => {
      const onResponse = (response: IncomingMessage) => {
        const resumed = https && (response.socket as TLSSocket).isSessionReused();
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('error', reject);
        response.on('end', () => {
          try {
            resolve({ stats: JSON.parse(body) as ServerStats, resumed });
          } catch (error) {
            reject(error);
          }
        });
      };
      const url = new URL(path, baseUrl);
      const request = https
        ? httpsGet(url, { agent: false, ca }, onResponse)
        : httpGet(url, { agent: false }, onResponse);
      request.on('error', reject);
    });
  return {
    stats: async (): Promise<PointCounters> => {
      const { stats, resumed } = await call(STATS_PATH);
      return {
        requests: stats.requests,
        maxInFlight: stats.maxInFlight,
        connections: Math.max(0, stats.connections - 2),
        tlsHandshakes: Math.max(0, stats.tlsHandshakes - (https && !resumed ? 1 : 0)),
        tlsResumed: Math.max(0, stats.tlsResumed - (https && resumed ? 1 : 0)),
        http2Sessions: stats.http2Sessions,
        http2Streams: stats.http2Streams,
        protocol: protocolOf(stats, https),
      };
    },
    resetStats: async () => {
      await call(RESET_PATH);
    },
  };
}

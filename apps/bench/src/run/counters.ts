import { get } from 'node:http';
import { RESET_PATH, type ServerStats, STATS_PATH } from '@fanout/fixture-server';

/**
 * The embedded fixture server's counters, read from inside a point's process over node:http, one connection per
 * call: the harness brings no HTTP client of its own into the process it measures (undici is there only when the
 * strategy loads it), so the baseline RSS is Node, the harness and the strategy module.
 */
export function serverCounters(baseUrl: string) {
  const call = (path: string) =>
    new Promise<ServerStats>((resolve, reject) => {
      get(new URL(path, baseUrl), { agent: false }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('error', reject);
        response.on('end', () => {
          try {
            resolve(JSON.parse(body) as ServerStats);
          } catch (error) {
            reject(error);
          }
        });
      }).on('error', reject);
    });
  return {
    stats: () => call(STATS_PATH),
    resetStats: async () => {
      await call(RESET_PATH);
    },
  };
}

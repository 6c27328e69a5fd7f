import { RESET_PATH, type ServerStats, STATS_PATH } from '@fanout/fixture-server';
import { Agent, request } from 'undici';

/**
 * Talks to a fixture server's control routes over its own connection, closed with it, straight to the server (never
 * through the relay); over TLS it trusts the server's CA like every other client.
 */
export function fixtureControl(baseUrl: string, ca?: string) {
  const agent = new Agent({ connections: 1, ...(ca === undefined ? {} : { connect: { ca } }) });
  const call = async (path: string): Promise<ServerStats> => {
    const response = await request(new URL(path, baseUrl), { dispatcher: agent });
    return (await response.body.json()) as ServerStats;
  };
  return {
    stats: () => call(STATS_PATH),
    reset: async () => {
      await call(RESET_PATH);
    },
    close: () => agent.close(),
  };
}

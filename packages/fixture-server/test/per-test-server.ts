import { afterEach } from 'vitest';
import { type FixtureServer, type FixtureServerOptions, startFixtureServer } from '../src/index.js';

/** A `start` for tests: each test's servers are closed after it, even when it fails. */
export function serverPerTest(): (options?: FixtureServerOptions) => Promise<FixtureServer> {
  const servers: FixtureServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return async (options = {}) => {
    const server = await startFixtureServer(options);
    servers.push(server);
    return server;
  };
}

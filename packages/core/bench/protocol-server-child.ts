import { type FixtureServerOptions, startFixtureServer } from '@fanout/fixture-server';

// Its own process, so the server's CPU is not billed to the client being measured. argv[2]: the server's options.
const options = JSON.parse(process.argv[2] ?? '{}') as FixtureServerOptions;
const server = await startFixtureServer({ port: 0, latencyMs: 0, ...options });
process.send?.({ url: server.url, ca: server.ca });
process.once('disconnect', () => void server.close().then(() => process.exit(0)));

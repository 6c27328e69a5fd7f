import { startFixtureServer } from '@fanout/fixture-server';

// Its own process, so the server's CPU is not billed to the client being measured.
const server = await startFixtureServer({ port: 0, sizeBytes: Number(process.argv[2] ?? 1024), latencyMs: 0 });
process.send?.(server.url);
process.once('disconnect', () => void server.close().then(() => process.exit(0)));

import { startFixtureServer } from '@fanout/fixture-server';
import { SERVE_FLAGS } from '../flags/command-flags.js';
import { type FlagValues, settleFlags } from '../flags/flag.js';
import { UsageError } from '../usage-error.js';

export type ServeFlags = FlagValues<typeof SERVE_FLAGS>;

/**
 * Runs the fixture server in the foreground on 127.0.0.1. The first stdout line
 * is its base URL; a parent process also gets it over IPC and, if the parent
 * goes away, the server goes too.
 */
export async function serveCommand(flags: ServeFlags): Promise<void> {
  const { port, latency, size, faults } = settleFlags(SERVE_FLAGS, flags);
  const server = await startFixtureServer({
    port,
    latencyMs: latency,
    sizeBytes: size,
    ...(faults ? { faults } : {}),
  }).catch((error: Error) => {
    throw new UsageError(`cannot listen on 127.0.0.1:${port}: ${error.message}`);
  });
  process.stdout.write(`${server.url}\n`);
  process.send?.({ url: server.url });
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
}

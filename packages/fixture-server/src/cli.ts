#!/usr/bin/env node
import { parseCliArgs, USAGE } from './cli-args.js';
import { startFixtureServer } from './server.js';

/**
 * `fanout-fixture-server`: the fixture server alone in its own process, so a
 * benchmark can keep its CPU apart from the strategy under test without
 * starting the whole fanout CLI. Prints the base URL as the first stdout line;
 * exits on SIGINT/SIGTERM and, when started with an IPC channel, when the
 * parent goes away.
 */
async function main(): Promise<void> {
  let settings: ReturnType<typeof parseCliArgs>;
  try {
    settings = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`fanout-fixture-server: ${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (settings === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const server = await startFixtureServer(settings).catch((error: Error) => {
    process.stderr.write(`fanout-fixture-server: cannot listen on 127.0.0.1:${settings.port}: ${error.message}\n`);
    return undefined;
  });
  if (server === undefined) {
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${server.url}\n`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
}

await main();

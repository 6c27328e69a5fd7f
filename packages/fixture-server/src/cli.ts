#!/usr/bin/env node
import { parseCliArgs, USAGE } from './cli-args.js';
import { listenWarning } from './listen-host.js';
import { serveInForeground } from './serve-in-foreground.js';
import { startFixtureServer } from './server.js';

/**
 * `fanout-fixture-server`: the fixture server alone in its own process, so a benchmark can keep its CPU apart from
 * the strategy under test without starting the whole fanout CLI. Prints the base URL as the first stdout line and,
 * with --tls, `ca: FILE` as the second; a parent on an IPC channel also gets `{ url, ca, caFile }`. Exits on
 * SIGINT/SIGTERM and, when started with an IPC channel, when the parent goes away; the CA file goes with it.
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
  const { caOut, ...options } = settings;
  const warning = listenWarning('fanout-fixture-server', options.host);
  if (warning) process.stderr.write(`${warning}\n`);
  const server = await startFixtureServer(options).catch((error: Error) => {
    process.stderr.write(`fanout-fixture-server: cannot listen on ${options.host}:${options.port}: ${error.message}\n`);
    return undefined;
  });
  if (server === undefined) {
    process.exitCode = 1;
    return;
  }
  serveInForeground(server, caOut);
}

await main();

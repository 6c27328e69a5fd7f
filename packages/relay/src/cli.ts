#!/usr/bin/env node
import { LOOPBACK_HOST, listenWarning } from '@fanout/fixture-server';
import { parseCliArgs, USAGE } from './cli-args.js';
import { planRelay } from './options.js';
import { startRelay } from './relay.js';

/**
 * `fanout-relay`: the relay alone in its own process, so its CPU is billed to no strategy. Prints the relayed URL
 * as the first stdout line; exits on SIGINT/SIGTERM and, with an IPC channel, when the parent goes away.
 */
async function main(): Promise<void> {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(process.argv.slice(2));
    if (options !== 'help') planRelay(options);
  } catch (error) {
    process.stderr.write(`fanout-relay: ${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const warning = listenWarning('fanout-relay', options.host ?? LOOPBACK_HOST);
  if (warning) process.stderr.write(`${warning}\n`);
  const relay = await startRelay(options).catch((error: Error) => {
    process.stderr.write(`fanout-relay: ${error.message}\n`);
    return undefined;
  });
  if (relay === undefined) {
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${relay.url}\n`);
  const stop = () => {
    void relay.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
}

await main();

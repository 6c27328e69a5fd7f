import { formatIssues } from '@fanout/core';
import { LIMITS, startFixtureServer } from '@fanout/fixture-server';
import { z } from 'zod';
import { integerFlag } from '../cli-numbers.js';
import { parseFaultsFlag } from '../faults-flag.js';
import { UsageError } from '../usage-error.js';

export interface ServeFlags {
  readonly port?: string;
  readonly latency?: string;
  readonly size?: string;
  /** A fault mix such as "reset-before-headers:0.1,hang:0.05". */
  readonly faults?: string;
}

const serveSchema = z.object({
  port: integerFlag(0, 65_535).default(0),
  latency: integerFlag(0, LIMITS.latencyMs).default(0),
  size: integerFlag(0, LIMITS.sizeBytes).default(1024),
});

/**
 * Runs the fixture server in the foreground on 127.0.0.1. The first stdout line
 * is its base URL; a parent process also gets it over IPC and, if the parent
 * goes away, the server goes too.
 */
export async function serveCommand(flags: ServeFlags): Promise<void> {
  const { faults: mixText, ...numbers } = flags;
  const faults = parseFaultsFlag(mixText);
  const parsed = serveSchema.safeParse(numbers);
  if (!parsed.success) throw new UsageError(formatIssues(parsed.error, flags).replace(/^(\w+):/, '--$1'));
  const { port, latency, size } = parsed.data;
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

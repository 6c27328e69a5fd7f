#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startAgent } from './agent.js';
import { redactUrl } from './redact.js';
import { ENV, parseQueueSettings } from './settings.js';

const USAGE = `usage: fanout-queue-worker [--redis URL] [--concurrency K]

Starts one queue worker (as \`fanout worker\` does): it joins every open point of the fanout queue strategy on
that Redis (a run with --local-workers 0) and runs its jobs with the core job runner, at most K at once (default:
the point's W).
It needs to reach the Redis and the point's target. The URL may also come from ${ENV.redisUrl}, which keeps a
password out of the process list. Ctrl-C (SIGINT) or SIGTERM stops it after cancelling what it runs.`;

function fail(message: string): never {
  process.stderr.write(`fanout-queue-worker: ${message}\n${USAGE}\n`);
  process.exit(2);
}

let values: { redis?: string | undefined; concurrency?: string | undefined; help?: boolean | undefined };
try {
  ({ values } = parseArgs({
    options: { redis: { type: 'string' }, concurrency: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const url = values.redis ?? process.env[ENV.redisUrl];
if (url === undefined || url === '') fail(`give the Redis with --redis URL or ${ENV.redisUrl}`);
let concurrency: number | undefined;
try {
  parseQueueSettings({ redisUrl: url });
  if (values.concurrency !== undefined) {
    concurrency = z.coerce.number().int().min(1).max(100_000).parse(values.concurrency);
  }
} catch (error) {
  if (error instanceof z.ZodError)
    fail(`--concurrency must be a whole number from 1 to 100000, got ${values.concurrency}`);
  fail((error as Error).message);
}

const log = (line: string) => process.stderr.write(`${line}\n`);
try {
  const agent = await startAgent({ redisUrl: url, ...(concurrency === undefined ? {} : { concurrency }), log });
  log(
    `fanout-queue-worker ${agent.id}: connected to ${redactUrl(url)}, ${concurrency ?? "each point's W"} at once; waiting for points`,
  );
  const stop = () => {
    log(`fanout-queue-worker ${agent.id}: stopping`);
    void agent.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  // openRedis's message already names the redacted URL only.
  process.stderr.write(`fanout-queue-worker: ${(error as Error).message}\n`);
  process.exit(1);
}

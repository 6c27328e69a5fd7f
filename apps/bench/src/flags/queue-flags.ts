import { ALLOW_REMOTE_FLAG, isLoopbackHost } from '@fanout/core';
import { redactUrl } from '@fanout/queue/redact';
import { z } from 'zod';
import { integerFlag } from '../cli-numbers.js';
import { flag, toggle } from './flag.js';

/**
 * The queue strategy's flags (issue 20): where its Redis is and where its workers run, for `fanout run`, and the
 * flags of `fanout worker`. A Redis URL may hold a password, so a bad one is named only in its redacted form.
 */

/** Most local worker processes a point may start, and most jobs a worker may run at once. */
const MAX_LOCAL_WORKERS = 256;
const MAX_WORKER_CONCURRENCY = 100_000;

/** The URL's form (redis:// or rediss:// with a host); the message quotes it redacted, never as given. */
export const redisUrlFlag = z.string().superRefine((value, context) => {
  let parsed: URL | undefined;
  try {
    parsed = new URL(value);
  } catch {
    parsed = undefined;
  }
  if (parsed && (parsed.protocol === 'redis:' || parsed.protocol === 'rediss:') && parsed.hostname !== '') return;
  context.addIssue({
    code: 'custom',
    message: `must be a redis:// or rediss:// URL with a host, e.g. redis://:PASSWORD@127.0.0.1:6379 (got ${redactUrl(value)})`,
    params: { quotesValue: true },
  });
});

/** Why a Redis at `url` may not be used without --allow-remote (a host that is not this machine), or undefined. */
export function redisReachProblem(url: string, allowRemote: boolean, source = '--redis'): string | undefined {
  const host = new URL(url).hostname;
  if (allowRemote || isLoopbackHost(host)) return undefined;
  return `${source} ${redactUrl(url)} is not a loopback host: jobs and results would cross the network to it, so a Redis elsewhere needs ${ALLOW_REMOTE_FLAG}`;
}

const redis = (help: string) => flag(redisUrlFlag, { arg: 'url', help });

/** `fanout run`'s queue flags (spread into RUN_FLAGS). */
export const QUEUE_RUN_FLAGS = {
  redis: redis(
    'queue strategy: an existing Redis, redis://[:password@]host:port (default: a redis-server started for the run)',
  ),
  localWorkers: flag(integerFlag(0, MAX_LOCAL_WORKERS), {
    arg: 'n',
    help: 'queue strategy: worker processes each point starts (default: one per core, at most W); 0: only workers started with fanout worker',
  }),
} as const;

/** `fanout worker`'s flags. */
export const WORKER_FLAGS = {
  redis: redis(`the Redis of the run, redis://[:password@]host:port (default: $FANOUT_REDIS_URL, kept out of ps)`),
  concurrency: flag(integerFlag(1, MAX_WORKER_CONCURRENCY), {
    arg: 'k',
    help: "most jobs of a point this worker runs at once (default: the point's W)",
  }),
  allowRemote: toggle({
    help: "allow a Redis that is not on this machine (the jobs keep the run's own --allow-remote rule)",
  }),
} as const;

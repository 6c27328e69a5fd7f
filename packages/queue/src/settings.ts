import { errors, formatIssues } from '@fanout/core';
import { z } from 'zod';
import { redactSecrets, redactUrl } from './redact.js';

/**
 * What the queue strategy needs beyond the shared StrategyOptions (which are
 * strict and the same for every strategy): where Redis is and where the
 * workers run. The harness passes them to a point's process as environment
 * variables (see ENV); programs and tests may pass them directly.
 */
export interface QueueSettings {
  /** redis:// or rediss:// URL, credentials included; never printed (see redact.ts). */
  readonly redisUrl: string;
  /** Worker processes the point starts itself; 'auto' is one per core, at most W; 0 runs on remote workers only. */
  readonly localWorkers: number | 'auto';
  /** With 0 local workers: how long to wait for the first remote worker before giving up. */
  readonly waitForWorkersMs: number;
  /** A job whose worker died is run again this many times before it ends as WORKER_CRASHED. */
  readonly stalledRetries: number;
  /**
   * BullMQ's job lock (lockDuration): a worker that has not renewed it for this
   * long is presumed dead and its jobs stalled; the check runs every half of it.
   * BullMQ's default is 30 s, far too long for a benchmark.
   */
  readonly stallMs: number;
}

/** The environment variables, one per setting. */
export const ENV = {
  redisUrl: 'FANOUT_REDIS_URL',
  localWorkers: 'FANOUT_QUEUE_LOCAL_WORKERS',
  waitForWorkersMs: 'FANOUT_QUEUE_WAIT_MS',
  stalledRetries: 'FANOUT_QUEUE_STALLED_RETRIES',
  stallMs: 'FANOUT_QUEUE_STALL_MS',
} as const;

export const DEFAULT_SETTINGS = {
  localWorkers: 'auto',
  waitForWorkersMs: 30_000,
  stalledRetries: 0,
  stallMs: 4000,
} as const satisfies Omit<QueueSettings, 'redisUrl'>;

const redisUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'redis:' || url.protocol === 'rediss:') && url.hostname !== '';
    } catch {
      return false;
    }
  },
  { error: 'must be a redis:// or rediss:// URL with a host' },
);

const whole = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

export const queueSettingsSchema = z
  .object({
    redisUrl,
    localWorkers: z.union([z.literal('auto'), whole(0, 256)]).default(DEFAULT_SETTINGS.localWorkers),
    waitForWorkersMs: whole(0, 3_600_000).default(DEFAULT_SETTINGS.waitForWorkersMs),
    stalledRetries: whole(0, 10).default(DEFAULT_SETTINGS.stalledRetries),
    stallMs: whole(200, 600_000).default(DEFAULT_SETTINGS.stallMs),
  })
  .strict();

/** Validates settings once, at the edge; an error names the bad one, with any URL redacted. */
export function parseQueueSettings(input: Record<string, unknown>): QueueSettings {
  const parsed = queueSettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const url = typeof input.redisUrl === 'string' ? input.redisUrl : '';
  // formatIssues quotes the offending value: the URL's secrets must not go with it.
  throw errors.invalidOptions(`invalid queue settings: ${redactSecrets(formatIssues(parsed.error, input), url)}`);
}

/** Why the strategy cannot run without a Redis, and how to give it one. */
export const NO_REDIS_REASON =
  `the queue strategy needs a Redis: set ${ENV.redisUrl}=redis://[:password@]host:port ` +
  '(a local one: apt-get install redis-server, then redis-server --port 6390 --save "" --appendonly no)';

/** Settings from the environment (the harness's way in); UNSUPPORTED when no Redis is named. */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  const url = env[ENV.redisUrl];
  if (url === undefined || url === '') throw errors.unsupported(NO_REDIS_REASON);
  const input: Record<string, unknown> = { redisUrl: url };
  for (const key of ['localWorkers', 'waitForWorkersMs', 'stalledRetries', 'stallMs'] as const) {
    const value = env[ENV[key]];
    if (value !== undefined && value !== '') input[key] = value;
  }
  try {
    return parseQueueSettings(input);
  } catch (error) {
    // Name the variables, not the internal keys.
    let message = (error as Error).message;
    for (const key of Object.keys(ENV) as (keyof typeof ENV)[]) message = message.replaceAll(`${key}:`, `${ENV[key]}:`);
    throw errors.invalidOptions(message);
  }
}

/** Where the point's Redis is, for the configuration line: host and port only. */
export function describeRedis(url: string): string {
  const shown = new URL(redactUrl(url));
  return `${shown.protocol}//${shown.host}`;
}

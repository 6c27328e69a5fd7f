import { Redis } from 'ioredis';
import { redactSecrets, redactUrl } from './redact.js';

/** A connection that fails start-up quickly but survives short outages once up (BullMQ needs no request limit). */
const OPTIONS = {
  lazyConnect: true,
  maxRetriesPerRequest: null,
  connectTimeout: 5000,
  // Reconnect for about 20 s, then give up: a benchmark that lost its broker should end, not spin.
  retryStrategy: (times: number) => (times > 40 ? null : Math.min(times * 100, 500)),
} as const;

/** Keeps a connection's errors, redacted, for the next message that needs them; never prints them. */
function watch(redis: Redis, url: string): Redis {
  redis.on('error', (error: Error) => {
    lastErrors.set(redis, redactSecrets(error.message, url));
  });
  return redis;
}

const lastErrors = new WeakMap<Redis, string>();

/** Opens a connection to `url` and proves it with PING; the error names the redacted URL and why. */
export async function openRedis(url: string, name: string): Promise<Redis> {
  const redis = watch(new Redis(url, { ...OPTIONS, connectionName: name }), url);
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (error) {
    redis.disconnect();
    // ioredis rejects with "Connection is closed." when the socket failed; the socket's own error says why.
    const message = error instanceof Error ? error.message : String(error);
    const why = redactSecrets(/Connection is closed/.test(message) ? (lastErrors.get(redis) ?? message) : message, url);
    throw new Error(`cannot reach Redis at ${redactUrl(url)}: ${why}`);
  }
}

/** Closes a connection politely, or at once if it is not up. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') {
    await redis.quit().catch(() => redis.disconnect());
  } else {
    redis.disconnect();
  }
}

/** Redis's version from INFO server, e.g. "7.0.15". */
export async function redisVersion(redis: Redis): Promise<string> {
  const info = await redis.info('server');
  return /^redis_version:(\S+)/m.exec(info)?.[1] ?? 'unknown';
}

/** Push a result only if its batch is still the one wanted: a stale batch's results never reach a list. */
const PUSH_IF_CURRENT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('RPUSH', KEYS[2], ARGV[2]) end
return 0`;

export interface PushingRedis extends Redis {
  fanoutPush(batchKey: string, resultsKey: string, batch: string, envelope: string): Promise<number>;
}

/** Adds the atomic conditional push (EVALSHA, loaded once) to a connection. */
export function withPush(redis: Redis): PushingRedis {
  redis.defineCommand('fanoutPush', { numberOfKeys: 2, lua: PUSH_IF_CURRENT });
  return redis as PushingRedis;
}

import { redactUrl } from '@fanout/queue/redact';
import { redisServerMissing, startRedisServer } from '@fanout/queue/redis-server';
import { ENV } from '@fanout/queue/settings';
import type { RunConfig } from '../config.js';
import type { PointEnvironment } from '../run/suite.js';
import type { LoadedStrategy } from '../strategies/load.js';

/** The strategy that needs a broker (packages/queue). */
export const QUEUE_STRATEGY = 'queue';

/** The run's broker: what each queue point's process is given, and how to stop what the run started. */
export interface RunBroker {
  readonly needsOf: PointEnvironment;
  /** Stops the embedded redis-server, if the run started one. Idempotent. */
  close(): Promise<void>;
}

const NONE: RunBroker = { needsOf: () => undefined, close: async () => undefined };

function unavailable(reason: string): RunBroker {
  process.stderr.write(`queue: its points are skipped: ${reason}\n`);
  return { needsOf: (name) => (name === QUEUE_STRATEGY ? { unavailable: reason } : undefined), close: NONE.close };
}

function serving(redisUrl: string, config: RunConfig, close: () => Promise<void>): RunBroker {
  const env = { [ENV.redisUrl]: redisUrl, [ENV.localWorkers]: String(config.queue.localWorkers) };
  return { needsOf: (name) => (name === QUEUE_STRATEGY ? { env } : undefined), close };
}

/**
 * The Redis the queue points use, for the whole run: the one given (--redis or FANOUT_REDIS_URL), or a redis-server
 * started for the run (loopback, a random port, persistence off, a password made for the run, its own process
 * group), stopped by `close` (and with this process, whatever happens). Without redis-server on PATH the queue's
 * points are skipped with the package to install; nothing else in the run changes. No queue point: nothing starts.
 * Every line it prints names Redis by host and port only.
 */
export async function openBroker(config: RunConfig, strategies: readonly LoadedStrategy[]): Promise<RunBroker> {
  if (!strategies.some((loaded) => loaded.manifest.name === QUEUE_STRATEGY)) return NONE;
  const { redisUrl, localWorkers } = config.queue;
  const workers =
    localWorkers === 0
      ? 'its points run on workers started with fanout worker only'
      : `${localWorkers === 'auto' ? 'one local worker per core (at most W)' : `${localWorkers} local worker(s)`} per point`;
  if (redisUrl !== undefined) {
    process.stderr.write(`queue: Redis at ${redactUrl(redisUrl)}; ${workers}\n`);
    return serving(redisUrl, config, NONE.close);
  }
  const missing = redisServerMissing();
  if (missing) return unavailable(`${missing}, or give a Redis with --redis URL`);
  try {
    const embedded = await startRedisServer();
    process.stderr.write(
      `queue: redis-server for this run on 127.0.0.1:${embedded.port} (persistence off, a password made for the run); ${workers}\n`,
    );
    return serving(embedded.url, config, () => embedded.stop());
  } catch (error) {
    // Its message quotes redis-server's last output lines, the password already hidden (redis-server.ts).
    return unavailable(
      `the embedded redis-server did not start: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

import { defineStrategy } from '@fanout/core';
import { settingsFromEnv } from './settings.js';
import { createQueueStrategy } from './strategy.js';

export { type Agent, type AgentOptions, newWorkerId, startAgent } from './agent.js';
export type { BrokerCost } from './broker-stats.js';
export { redactSecrets, redactUrl } from './redact.js';
export {
  type EmbeddedRedis,
  findRedisServer,
  REDIS_SERVER_HINT,
  redisServerMissing,
  startRedisServer,
} from './redis-server.js';
export type { QueueReport } from './report.js';
export {
  DEFAULT_SETTINGS,
  ENV,
  NO_REDIS_REASON,
  parseQueueSettings,
  type QueueSettings,
  settingsFromEnv,
} from './settings.js';
export { createQueueStrategy, type QueueStrategy } from './strategy.js';

/**
 * Jobs on a BullMQ queue on Redis, run by worker processes with the core job
 * runner: the point's own children by default (billed to it), or workers
 * started anywhere (fanout run --local-workers 0, fanout worker). Redis and worker settings
 * come from the environment (see settings.ts), read and validated once here.
 */
export const strategy = defineStrategy({
  name: 'queue',
  create: (options) => createQueueStrategy(options, settingsFromEnv()),
});

import { afterAll, beforeAll } from 'vitest';
import { type EmbeddedRedis, redisServerMissing, startRedisServer } from '../src/redis-server.js';

/** Why this machine cannot run the Redis tests (they skip, saying so), or undefined. */
export const noRedis = redisServerMissing();

/** One embedded redis-server for a test file, started before its tests and stopped after. */
export function useRedis(): { readonly url: () => string; readonly server: () => EmbeddedRedis } {
  let server: EmbeddedRedis | undefined;
  beforeAll(async () => {
    if (noRedis === undefined) server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  const get = () => {
    if (server === undefined) throw new Error('redis-server not started');
    return server;
  };
  return { url: () => get().url, server: get };
}

import { testStrategy } from '@fanout/conformance';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { strategy } from '../src/index.js';
import { ENV } from '../src/settings.js';
import { noRedis, useRedis } from './redis.js';

// The shared suite against a real Redis (an embedded redis-server) and real worker processes, through the
// environment, as the harness configures a point.
if (noRedis !== undefined) {
  describe('strategy conformance: queue', () => it.skip(`skipped: ${noRedis}`, () => undefined));
} else {
  const redis = useRedis();
  beforeAll(() => {
    process.env[ENV.redisUrl] = redis.url();
  });
  afterAll(() => {
    delete process.env[ENV.redisUrl];
  });
  testStrategy(strategy);
}

import { testStrategy } from '@fanout/conformance';
import { afterAll, beforeAll, describe } from 'vitest';
import { strategy } from '../src/index.js';
import { ENV } from '../src/settings.js';
import { noRedis, useRedis } from './redis.js';

// The shared suite with the default settings, as the harness runs a point: every point starts its own local
// worker processes (about half a second each here, most of it loading BullMQ), so the 49 checks take ~28 s on
// two quiet cores: `pnpm test:load` runs them; `pnpm test` runs the same suite on remote workers
// (conformance-remote.test.ts), which start once.
describe.skipIf(noRedis !== undefined)(`queue on local workers${noRedis ? ` (skipped: ${noRedis})` : ''}`, () => {
  const redis = useRedis();
  beforeAll(() => {
    process.env[ENV.redisUrl] = redis.url();
  });
  afterAll(() => {
    delete process.env[ENV.redisUrl];
  });
  testStrategy(strategy);
});

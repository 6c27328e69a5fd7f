import { testStrategy } from '@fanout/conformance';
import { afterAll, beforeAll, describe } from 'vitest';
import { strategy } from '../src/index.js';
import { ENV } from '../src/settings.js';
import { noRedis, useRedis } from './redis.js';
import { type StartedWorker, startWorkerBin } from './workers.js';

// The shared suite against a real Redis (an embedded redis-server) and two worker processes started once, as a
// user starts them on other machines (the bin, no --concurrency: each takes up to the point's W, and BullMQ's
// global concurrency holds the point to W). Settings come through the environment, as the harness gives them.
// The same suite with the default local workers is conformance-local.load.test.ts.
describe.skipIf(noRedis !== undefined)(`queue on remote workers${noRedis ? ` (skipped: ${noRedis})` : ''}`, () => {
  const redis = useRedis();
  let workers: StartedWorker[] = [];
  beforeAll(async () => {
    process.env[ENV.redisUrl] = redis.url();
    process.env[ENV.localWorkers] = '0';
    workers = await Promise.all([1, 2].map(() => startWorkerBin([], { [ENV.redisUrl]: redis.url() })));
  });
  afterAll(async () => {
    delete process.env[ENV.redisUrl];
    delete process.env[ENV.localWorkers];
    await Promise.all(workers.map((worker) => worker.stop()));
  });
  testStrategy(strategy);
});

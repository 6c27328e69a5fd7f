import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { Pool } from 'undici';
import { mapBounded } from '../src/bounded.js';
import type { Job } from '../src/contract.js';
import { createJobRunner, type JobRunner, poolTransport } from '../src/http/index.js';

/**
 * What fanout's per-job path costs over bare undici, in ns per job: the same
 * batch (1 KiB bodies, no added latency, 50 in flight) through a bare
 * `pool.request` + `body.dump()` loop and through the job runner every
 * strategy uses. A regression in the hot path shows up as a larger ratio.
 */
const JOBS = Number(process.env.BENCH_JOBS ?? 2000);
const CONCURRENCY = 50;
const limits = { timeoutMs: 30_000, maxBodyBytes: 64 * 1024 * 1024, maxRedirects: 5, retries: 0 };

const child = fork(fileURLToPath(new URL('./server-child.js', import.meta.url)), ['1024'], { stdio: 'inherit' });
const [url] = (await once(child, 'message')) as [string];
const jobs: Job[] = Array.from({ length: JOBS }, (_, id) => ({ id, url: `${url}/page` }));

const pool = new Pool(url, { connections: CONCURRENCY });
const bare = async () => {
  let next = 0;
  const lane = async () => {
    while (next++ < JOBS) {
      const response = await pool.request({ path: '/page', method: 'GET' });
      await response.body.dump();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
};
const runner: JobRunner = createJobRunner(poolTransport({ ...limits, connections: CONCURRENCY }), limits);
const fanout = async () => {
  const results = await mapBounded(jobs, CONCURRENCY, (job) => runner.run(job));
  if (results.some((result) => !result.ok)) throw new Error('a job failed: the benchmark is void');
};

const bench = new Bench({ time: Number(process.env.BENCH_TIME_MS ?? 3000), warmupTime: 500 });
// Interleaved by tinybench's task order per run; each task gets the same server and the same warm-up.
bench.add('bare undici pool.request + dump', bare);
bench.add('fanout runner (poolTransport)', fanout);
await bench.run();

const nsPerJob = (name: string) => {
  const task = bench.getTask(name);
  const result = task?.result;
  if (!result || !('latency' in result)) throw new Error(`${name}: no result`);
  return (result.latency.mean * 1e6) / JOBS;
};
const base = nsPerJob('bare undici pool.request + dump');
for (const task of bench.tasks) {
  const ns = nsPerJob(task.name);
  process.stdout.write(
    `${task.name.padEnd(34)} ${ns.toFixed(0).padStart(8)} ns/job  ${(ns / base).toFixed(2)}× bare\n`,
  );
}
await Promise.all([pool.close(), runner.close()]);
child.disconnect();

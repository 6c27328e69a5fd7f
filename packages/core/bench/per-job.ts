import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { bareDispatchLoop } from '../src/bare/index.js';
import type { Job, JobResult } from '../src/contract.js';
import { createJobRunner, type JobRunner, poolTransport } from '../src/http/index.js';
import { median } from './median.js';

/**
 * What fanout's per-job path costs over the bare dispatch loop (`bareDispatchLoop`: a Pool per origin, `dispatch`
 * with a byte-counting handler, nothing else), in wall ns and CPU µs per job: the same batch (1 KiB bodies, no
 * added latency, 50 in flight) through the loop and through the job runner's `runBatch` (what async runs), which
 * also keeps one result per job with its timing, a deadline, redirects and retries. Both run in this process against a
 * fixture server in its own; rounds alternate which goes first, and each round's ratio is read on its own, since
 * the machine's speed drifts between rounds. A regression in the hot path shows up as a larger ratio.
 *
 * BENCH_JOBS (20000), BENCH_ROUNDS (3) and BENCH_TIME_MS (3000 per task and round) change the run.
 */
const JOBS = Number(process.env.BENCH_JOBS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TIME_MS = Number(process.env.BENCH_TIME_MS ?? 3000);
const CONCURRENCY = 50;
const limits = { timeoutMs: 30_000, maxBodyBytes: 64 * 1024 * 1024, maxRedirects: 5, retries: 0 };
const BARE = 'bare dispatch loop';
const RUNNER = 'fanout job runner';

const child = fork(fileURLToPath(new URL('./server-child.js', import.meta.url)), ['1024'], { stdio: 'inherit' });
const [url] = (await once(child, 'message')) as [string];
const jobs: Job[] = Array.from({ length: JOBS }, (_, id) => ({ id, url: `${url}/page` }));

const bare = bareDispatchLoop([`${url}/page`], CONCURRENCY);
const runner: JobRunner = createJobRunner(poolTransport({ ...limits, connections: CONCURRENCY }), limits);
let results: JobResult[] = [];
const tasks = {
  [BARE]: async () => {
    const batch = await bare.run(JOBS, CONCURRENCY);
    if (batch.succeeded !== JOBS) throw new Error(`${BARE}: ${batch.failed} failed: the benchmark is void`);
  },
  // A batch as the async strategy runs it (runBatch: bounded lanes, plain successes kept as numbers until the end).
  [RUNNER]: async () => {
    results = await runner.runBatch(jobs, CONCURRENCY);
  },
};

interface Figure {
  readonly nsPerJob: number;
  readonly cpuUsPerJob: number;
}

/** One round: each task for TIME_MS, in the given order; CPU counted around each timed call only. */
async function round(order: readonly (keyof typeof tasks)[]): Promise<Record<string, Figure>> {
  const bench = new Bench({ time: TIME_MS, warmupTime: 500 });
  const cpuUs: Record<string, number> = {};
  for (const name of order) {
    let started = process.cpuUsage();
    cpuUs[name] = 0;
    bench.add(name, tasks[name], {
      beforeEach() {
        started = process.cpuUsage();
      },
      afterEach(mode) {
        const spent = process.cpuUsage(started);
        if (mode === 'run') cpuUs[name] = (cpuUs[name] ?? 0) + spent.user + spent.system;
        // Checked after the clock stops, as a point's harness does.
        if (name === RUNNER && results.some((result) => !result.ok))
          throw new Error('a job failed: the benchmark is void');
        // Emptied, not just dropped, as the harness does (apps/bench run/let-go.ts).
        results.length = 0;
        results = [];
      },
    });
  }
  await bench.run();
  const figures: Record<string, Figure> = {};
  for (const task of bench.tasks) {
    const result = task.result;
    if (!result || !('latency' in result)) throw new Error(`${task.name}: no result`);
    figures[task.name] = {
      nsPerJob: (result.latency.mean * 1e6) / JOBS,
      cpuUsPerJob: (cpuUs[task.name] ?? 0) / (result.latency.samplesCount * JOBS),
    };
  }
  return figures;
}

process.stdout.write(`${JOBS} jobs of 1 KiB at W = ${CONCURRENCY}, ${ROUNDS} rounds of ${TIME_MS} ms per task\n`);
process.stdout.write('round  bare ns/job  runner ns/job  ratio  bare CPU µs/job  runner CPU µs/job  ratio\n');
const wallRatios: number[] = [];
const cpuRatios: number[] = [];
for (let index = 1; index <= ROUNDS; index++) {
  const figures = await round(index % 2 ? [BARE, RUNNER] : [RUNNER, BARE]);
  const base = figures[BARE] as Figure;
  const ours = figures[RUNNER] as Figure;
  wallRatios.push(ours.nsPerJob / base.nsPerJob);
  cpuRatios.push(ours.cpuUsPerJob / base.cpuUsPerJob);
  process.stdout.write(
    `${`${index}`.padStart(5)}  ${base.nsPerJob.toFixed(0).padStart(11)}  ${ours.nsPerJob.toFixed(0).padStart(13)}  ${(wallRatios.at(-1) as number).toFixed(2).padStart(5)}  ${base.cpuUsPerJob.toFixed(2).padStart(15)}  ${ours.cpuUsPerJob.toFixed(2).padStart(17)}  ${(cpuRatios.at(-1) as number).toFixed(2).padStart(5)}\n`,
  );
}
process.stdout.write(
  `median: the runner takes ${median(wallRatios).toFixed(2)}× the bare loop's time and ${median(cpuRatios).toFixed(2)}× its CPU per job\n`,
);
await Promise.all([bare.close(), runner.close()]);
child.disconnect();

import { fork } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FixtureServerOptions } from '@fanout/fixture-server';
import { Bench } from 'tinybench';
import { bareDispatchLoop } from '../src/bare/index.js';
import { mapBounded } from '../src/bounded.js';
import type { Job, JobResult } from '../src/contract.js';
import * as current from '../src/http/index.js';
import { median } from './median.js';

/**
 * CPU per request of the job runner over each protocol the transport speaks (issue 19), beside the bare dispatch
 * loop on plain HTTP/1.1, in one run: 1 KiB pages, no added latency, 50 in flight, every task against its own
 * fixture server in a child process (plain, HTTPS, HTTPS with h2, gzip, br). Rounds rotate the order of the tasks,
 * and each round's ratios are read on their own. Connections are made in tinybench's warm-up: these are
 * steady-state figures, a handshake's cost is not in them.
 *
 * BENCH_BASE=path/to/other/core/dist/http/index.js adds that build's runner on plain HTTP/1.1 (say, the commit
 * before a change to the hot path), so "plain costs what it did" is a ratio measured in the same run.
 * BENCH_JOBS (20000), BENCH_ROUNDS (3), BENCH_TIME_MS (3000) and BENCH_JSON (a file to write) change the run.
 */
const JOBS = Number(process.env.BENCH_JOBS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TIME_MS = Number(process.env.BENCH_TIME_MS ?? 3000);
const CONCURRENCY = 50;
const SIZE = 1024;
const limits = { timeoutMs: 30_000, maxBodyBytes: 64 * 1024 * 1024, maxRedirects: 5, retries: 0 };

type Http = Pick<typeof current, 'createJobRunner' | 'poolTransport'>;
const base = process.env.BENCH_BASE ? ((await import(pathToFileURL(process.env.BENCH_BASE).href)) as Http) : undefined;

interface Served {
  readonly url: string;
  readonly ca: string | undefined;
  readonly close: () => void;
}

async function serve(options: FixtureServerOptions): Promise<Served> {
  const entry = fileURLToPath(new URL('./protocol-server-child.js', import.meta.url));
  const child = fork(entry, [JSON.stringify({ ...options, sizeBytes: SIZE })], { stdio: 'inherit' });
  const [message] = (await once(child, 'message')) as [{ url: string; ca?: string }];
  return { url: message.url, ca: message.ca, close: () => child.disconnect() };
}

type Task = () => Promise<void>;
interface Case {
  readonly name: string;
  readonly task: Task;
  readonly close: () => Promise<void>;
}

const servers: Served[] = [];
async function runnerCase(
  name: string,
  server: FixtureServerOptions,
  transport: object,
  http: Http = current,
): Promise<Case> {
  const served = await serve(server);
  servers.push(served);
  const options = { ...limits, connections: CONCURRENCY, ...transport, ...(served.ca ? { ca: served.ca } : {}) };
  const runner = http.createJobRunner(http.poolTransport(options), limits);
  const jobs: Job[] = Array.from({ length: JOBS }, (_, id) => ({ id, url: `${served.url}/page` }));
  return {
    name,
    task: async () => {
      const results: readonly JobResult[] = await mapBounded(jobs, CONCURRENCY, (job) => runner.run(job));
      if (results.some((result) => !result.ok || result.bytes !== SIZE)) throw new Error(`${name}: a job failed`);
    },
    close: () => runner.close(),
  };
}

async function bareCase(): Promise<Case> {
  const served = await serve({});
  servers.push(served);
  const bare = bareDispatchLoop([`${served.url}/page`], CONCURRENCY);
  return {
    name: 'bare dispatch loop, HTTP/1.1',
    task: async () => {
      const batch = await bare.run(JOBS, CONCURRENCY);
      if (batch.succeeded !== JOBS) throw new Error(`bare loop: ${batch.failed} failed`);
    },
    close: () => bare.close(),
  };
}

// BENCH_CASES=plain keeps the plain HTTP/1.1 cases only: more rounds of the one comparison in the same time.
const plainOnly = process.env.BENCH_CASES === 'plain';
const cases: Case[] = [
  await bareCase(),
  ...(base ? [await runnerCase('runner before, HTTP/1.1', {}, {}, base)] : []),
  await runnerCase('runner, HTTP/1.1', {}, {}),
  ...(plainOnly
    ? []
    : [
        await runnerCase('runner, HTTPS HTTP/1.1', { tls: true }, {}),
        await runnerCase('runner, HTTPS h2', { tls: true, http2: true }, { http2: true }),
        await runnerCase('runner, HTTP/1.1 gzip', { compress: 'gzip' }, { acceptEncoding: 'gzip' }),
        await runnerCase('runner, HTTP/1.1 br', { compress: 'br' }, { acceptEncoding: 'br' }),
      ]),
];

/** One round: each case for TIME_MS in the given order; CPU counted around each timed call only. */
async function round(order: readonly Case[]): Promise<Record<string, number>> {
  // At least 5 batches and TIME_MS per case, 2 batches and 500 ms of warm-up (tinybench's default minimums, 64
  // batches and 16 warm-up batches, would take minutes per case here).
  const bench = new Bench({ time: TIME_MS, iterations: 5, warmupTime: 500, warmupIterations: 2 });
  const cpuUs: Record<string, number> = {};
  for (const { name, task } of order) {
    let started = process.cpuUsage();
    cpuUs[name] = 0;
    bench.add(name, task, {
      beforeEach() {
        started = process.cpuUsage();
      },
      afterEach(mode) {
        const spent = process.cpuUsage(started);
        if (mode === 'run') cpuUs[name] = (cpuUs[name] ?? 0) + spent.user + spent.system;
      },
    });
  }
  await bench.run();
  const perJob: Record<string, number> = {};
  for (const task of bench.tasks) {
    const result = task.result;
    if (!result || !('latency' in result)) throw new Error(`${task.name}: no result`);
    perJob[task.name] = (cpuUs[task.name] ?? 0) / (result.latency.samplesCount * JOBS);
  }
  return perJob;
}

const startedAt = new Date().toISOString();
const bareName = cases[0]?.name as string;
const rounds: Record<string, number>[] = [];
process.stdout.write(`${JOBS} jobs of ${SIZE} B at W = ${CONCURRENCY}, ${ROUNDS} rounds of ${TIME_MS} ms per case\n`);
for (let index = 0; index < ROUNDS; index++) {
  // Rotate the order, and reverse it every other round, so that no case always follows the same one.
  const rotated = cases.map((_, position) => cases[(position + index) % cases.length] as Case);
  const order = index % 2 === 1 ? rotated.reverse() : rotated;
  const figures = await round(order);
  rounds.push(figures);
  const bare = figures[bareName] as number;
  process.stdout.write(`round ${index + 1}\n`);
  for (const { name } of cases) {
    const us = figures[name] as number;
    process.stdout.write(
      `  ${name.padEnd(30)} ${us.toFixed(2).padStart(7)} µs/request  ${(us / bare).toFixed(2)}× bare\n`,
    );
  }
}
const summary = Object.fromEntries(
  cases.map(({ name }) => {
    const ratios = rounds.map((figures) => (figures[name] as number) / (figures[bareName] as number));
    return [
      name,
      {
        medianUsPerRequest: median(rounds.map((figures) => figures[name] as number)),
        medianRatioToBare: median(ratios),
        ratios,
      },
    ];
  }),
);
process.stdout.write('median over rounds (µs/request, ratio to the bare loop in the same round)\n');
for (const [name, figure] of Object.entries(summary)) {
  process.stdout.write(
    `  ${name.padEnd(30)} ${figure.medianUsPerRequest.toFixed(2).padStart(7)}  ${figure.medianRatioToBare.toFixed(2)}×\n`,
  );
}
// Plain HTTP/1.1, this runner ÷ the one before the change, round by round (with BENCH_BASE).
const beforeRatios = base
  ? rounds.map((figures) => (figures['runner, HTTP/1.1'] as number) / (figures['runner before, HTTP/1.1'] as number))
  : [];
if (base) {
  const listed = beforeRatios.map((ratio) => ratio.toFixed(3)).join(', ');
  process.stdout.write(
    `plain HTTP/1.1, this runner ÷ the one before, per round: ${listed}; median ${median(beforeRatios).toFixed(3)}\n`,
  );
}
if (process.env.BENCH_JSON) {
  const environment = {
    node: process.version,
    cpus: availableParallelism(),
    startedAt,
    base: process.env.BENCH_BASE ?? null,
    cases: process.env.BENCH_CASES ?? 'all',
  };
  const settings = { jobs: JOBS, rounds: ROUNDS, timeMs: TIME_MS, concurrency: CONCURRENCY, sizeBytes: SIZE };
  const plainToBefore = base ? { ratios: beforeRatios, median: median(beforeRatios) } : null;
  const report = { environment, settings, rounds, summary, plainToBefore };
  await writeFile(process.env.BENCH_JSON, `${JSON.stringify(report, null, 2)}\n`);
}
await Promise.all(cases.map((entry) => entry.close()));
for (const served of servers) served.close();

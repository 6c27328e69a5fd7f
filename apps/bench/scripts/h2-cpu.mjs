// CPU per request over HTTPS/1.1 and h2, for the job runner (what every strategy uses) and core's bare dispatch loop
// (undici alone), against one fixture server (--tls --http2, 1 KiB pages, no added latency) in a process of its own:
// rounds of the four cases in turn (the order reversed every other round), W = 50, JOBS jobs a batch, CPU from
// process.cpuUsage around each timed batch. With --profile DIR, the last round's timed batches of each case are also
// recorded with the inspector's CPU profiler into DIR/<case>.cpuprofile (cpuprofile-summary.mjs reads them).
// Usage (build first): node apps/bench/scripts/h2-cpu.mjs [--rounds 5] [--jobs 20000] [--profile DIR]
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { mapBounded } from '@fanout/core';
import { bareDispatchLoop } from '@fanout/core/bare';
import { createJobRunner, poolTransport } from '@fanout/core/http';

const { values } = parseArgs({
  options: { rounds: { type: 'string' }, jobs: { type: 'string' }, profile: { type: 'string' } },
});
const ROUNDS = Number(values.rounds ?? 5);
const JOBS = Number(values.jobs ?? 20_000);
const W = 50;
const SIZE = 1024;
const limits = { timeoutMs: 30_000, maxBodyBytes: 1 << 20, maxRedirects: 5, retries: 0 };

const server = spawn(
  process.execPath,
  [
    fileURLToPath(import.meta.resolve('@fanout/fixture-server/cli')),
    '--tls',
    '--http2',
    '--size',
    String(SIZE),
    '--latency',
    '0',
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const lines = createInterface({ input: server.stdout });
// Its first line is the base URL, its second "ca: FILE" (the CA it made at start, removed when it exits).
const [base, caLine] = await new Promise((resolve) => {
  const got = [];
  lines.on('line', (line) => {
    got.push(line);
    if (got.length === 2) resolve(got);
  });
});
const ca = readFileSync(caLine.replace(/^ca: /, ''), 'utf8');
const url = `${base}/page`;

function runnerCase(http2) {
  const runner = createJobRunner(
    poolTransport({ ...limits, connections: W, ca, ...(http2 ? { http2: true } : {}) }),
    limits,
  );
  const jobs = Array.from({ length: JOBS }, (_, id) => ({ id, url }));
  return {
    name: `runner ${http2 ? 'h2' : 'https/1.1'}`,
    batch: async () => {
      const results = await mapBounded(jobs, W, (job) => runner.run(job));
      if (results.some((result) => !result.ok || result.bytes !== SIZE)) throw new Error('a job failed');
    },
    close: () => runner.close(),
  };
}

function bareCase(http2) {
  // Over h2 as the undici peer runs it: one connection carrying W streams.
  const loop = http2
    ? bareDispatchLoop([url], 1, { ca, http2: true, pipelining: W })
    : bareDispatchLoop([url], W, { ca });
  return {
    name: `bare loop ${http2 ? 'h2' : 'https/1.1'}`,
    batch: async () => {
      const { succeeded } = await loop.run(JOBS, W);
      if (succeeded !== JOBS) throw new Error('bare loop: a request failed');
    },
    close: () => loop.close(),
  };
}

const cases = [runnerCase(false), runnerCase(true), bareCase(false), bareCase(true)];
const session = values.profile ? new Session() : undefined;
if (session) {
  mkdirSync(values.profile, { recursive: true });
  session.connect();
  await session.post('Profiler.enable');
}
const cpu = Object.fromEntries(cases.map((c) => [c.name, []]));
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? cases : [...cases].reverse();
  const profiling = session && round === ROUNDS - 1;
  for (const c of order) {
    for (let warm = 0; warm < 2; warm++) await c.batch();
    if (profiling) await session.post('Profiler.start');
    const samples = [];
    for (let batch = 0; batch < 3; batch++) {
      const before = process.cpuUsage();
      await c.batch();
      const used = process.cpuUsage(before);
      samples.push((used.user + used.system) / JOBS);
    }
    if (profiling) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(join(values.profile, `${c.name.replace(/[^\w]+/g, '-')}.cpuprofile`), JSON.stringify(profile));
    }
    cpu[c.name].push(samples.sort((a, b) => a - b)[1]);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = (a, b) => cpu[a].map((x, i) => x / cpu[b][i]);
for (const c of cases)
  console.log(
    `${c.name.padEnd(20)} CPU µs/req: median ${median(cpu[c.name]).toFixed(1)} (rounds ${cpu[c.name].map((x) => x.toFixed(1)).join(', ')})`,
  );
for (const [a, b] of [
  ['runner h2', 'runner https/1.1'],
  ['bare loop h2', 'bare loop https/1.1'],
  ['runner https/1.1', 'bare loop https/1.1'],
  ['runner h2', 'bare loop h2'],
]) {
  const r = ratio(a, b);
  console.log(`${a} ÷ ${b}: median ${median(r).toFixed(2)} (rounds ${r.map((x) => x.toFixed(2)).join(', ')})`);
}
for (const c of cases) await c.close();
server.kill();

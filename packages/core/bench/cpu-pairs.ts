import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { median } from './median.js';

/**
 * Issue 21's protocol: CPU per request of `fanout run --strategies async` beside a bare undici dispatch loop, on one
 * `fanout serve --size 1024`, in interleaved pairs (odd pairs run the bare loop first, even pairs fanout first, so
 * neither always follows the other). The bare loop runs in a fresh process like a point (bare-child.ts); fanout's
 * figure is its report's CPU per timed batch ÷ jobs, and its batch spread is the report's min and max around its
 * median batch. Run it under `machine quiet`: every number here is CPU time on a shared machine.
 *
 *   node packages/core/dist-bench/bench/cpu-pairs.js --pairs 5 [--json docs/results-cpu-pairs.json] [-- run flags]
 */
const { values: flags, positionals: extraRunArgs } = parseArgs({
  allowPositionals: true,
  options: {
    pairs: { type: 'string', default: '5' },
    jobs: { type: 'string', default: '20000' },
    iterations: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '50' },
    'bare-requests': { type: 'string', default: '100000' },
    // A point runs two whole untimed batches before its timed ones; the bare loop gets the same.
    'bare-warm-up': { type: 'string', default: '40000' },
    // Node flags for the bare loop's process (the protocol's default: none); e.g. the points' --single-threaded-gc.
    'bare-flags': { type: 'string', default: '' },
    cli: { type: 'string', default: fileURLToPath(new URL('../../../../apps/bench/dist/cli.js', import.meta.url)) },
    json: { type: 'string' },
    note: { type: 'string', default: '' },
  },
});
const count = (name: keyof typeof flags): number => {
  const value = Number(flags[name]);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`--${name} must be a whole number, got ${flags[name]}`);
  return value;
};
const pairs = count('pairs');
if (pairs < 1) throw new Error(`--pairs must be at least 1, got ${flags.pairs}`);
const jobs = count('jobs');
const concurrency = count('concurrency');
const bareRequests = count('bare-requests');
const cli = flags.cli as string;
const runArgs = ['--strategies', 'async', '--concurrency', `${concurrency}`, '--jobs', `${jobs}`];
runArgs.push('--iterations', `${count('iterations')}`, ...extraRunArgs);

interface BareFigure {
  readonly usPerRequest: number;
  readonly requestsPerSecond: number;
}
/** One timed batch as the point's report has it (apps/bench run/batch-recorder.ts); absent before it was kept. */
interface TimedBatch {
  readonly ms: number;
  readonly cpuMs: number;
  readonly gcMs: number;
  readonly fullGcs: number;
}
interface AsyncFigure {
  readonly usPerRequest: number;
  readonly requestsPerSecond: number;
  readonly minMs: number;
  readonly medianMs: number;
  readonly maxMs: number;
  readonly timedBatches: readonly TimedBatch[];
}

async function startServer(): Promise<{ url: string; server: ChildProcess }> {
  const server = spawn(process.execPath, [cli, 'serve', '--size', '1024'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: server.stdout as NodeJS.ReadableStream });
  const [line] = (await once(lines, 'line')) as [string];
  lines.close();
  return { url: line.trim(), server };
}

async function runBare(url: string): Promise<BareFigure> {
  const entry = fileURLToPath(new URL('./bare-child.js', import.meta.url));
  const nodeFlags = (flags['bare-flags'] as string).split(' ').filter(Boolean);
  const args = [...nodeFlags, entry, url, `${bareRequests}`, `${concurrency}`, flags['bare-warm-up'] as string];
  const { stdout } = await promisify(execFile)(process.execPath, args);
  const batch = JSON.parse(stdout) as { succeeded: number; cpuMs: number; wallMs: number };
  if (batch.succeeded !== bareRequests) throw new Error(`bare loop: ${batch.succeeded}/${bareRequests} succeeded`);
  return {
    usPerRequest: (batch.cpuMs * 1000) / bareRequests,
    requestsPerSecond: (bareRequests * 1000) / batch.wallMs,
  };
}

/** The Node flags the point processes ran with, as their report says (absent in reports from before them). */
let pointNodeFlags: string[] = [];

async function runAsync(url: string): Promise<AsyncFigure> {
  const out = await mkdtemp(join(tmpdir(), 'fanout-cpu-pairs-'));
  try {
    await promisify(execFile)(process.execPath, [cli, 'run', ...runArgs, '--url', `${url}/`, '--out', out], {
      maxBuffer: 1 << 24,
    });
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as {
      runs: Record<string, unknown>[];
      settings: { pointNodeFlags?: string[] };
    };
    pointNodeFlags = report.settings.pointNodeFlags ?? [];
    const point = report.runs.find((run) => run.strategy === 'async' && run.concurrency === concurrency);
    const { cpuMsPerBatch, minMs, maxMs, medianBatchMs, requestsPerSecond, totals, timedBatches } = (point ??
      {}) as Record<string, number> & { totals?: { failed: number }; timedBatches?: TimedBatch[] };
    if (cpuMsPerBatch === undefined || totals === undefined) throw new Error(`fanout run: no async point in ${out}`);
    if (totals.failed > 0) throw new Error(`fanout run: ${totals.failed} jobs failed`);
    return {
      usPerRequest: (cpuMsPerBatch * 1000) / jobs,
      requestsPerSecond: requestsPerSecond ?? 0,
      minMs: minMs ?? 0,
      medianMs: medianBatchMs ?? 0,
      maxMs: maxMs ?? 0,
      timedBatches: timedBatches ?? [],
    };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

const percent = (value: number): string => `${value >= 0 ? '+' : '−'}${Math.abs(value * 100).toFixed(0)}%`;

const { url, server } = await startServer();
const rows: { pair: number; bare: BareFigure; async: AsyncFigure; ratio: number; spread: [number, number] }[] = [];
const startedAt = new Date().toISOString();
try {
  process.stdout.write(
    `server ${url}; fanout run ${runArgs.join(' ')}; bare: ${bareRequests} GETs after ${flags['bare-warm-up']} untimed\n`,
  );
  process.stdout.write('pair  bare µs/req  async µs/req  ratio  async batches min–max (median)  spread\n');
  for (let pair = 1; pair <= pairs; pair++) {
    let bare: BareFigure;
    let fanout: AsyncFigure;
    if (pair % 2 === 1) {
      bare = await runBare(url);
      fanout = await runAsync(url);
    } else {
      fanout = await runAsync(url);
      bare = await runBare(url);
    }
    const ratio = fanout.usPerRequest / bare.usPerRequest;
    const spread: [number, number] = [fanout.minMs / fanout.medianMs - 1, fanout.maxMs / fanout.medianMs - 1];
    rows.push({ pair, bare, async: fanout, ratio, spread });
    const batches = `${fanout.minMs.toFixed(0)}–${fanout.maxMs.toFixed(0)} ms (${fanout.medianMs.toFixed(0)})`;
    process.stdout.write(
      `${`${pair}`.padStart(4)}  ${bare.usPerRequest.toFixed(1).padStart(11)}  ${fanout.usPerRequest.toFixed(1).padStart(12)}  ${ratio.toFixed(2).padStart(5)}  ${batches.padStart(30)}  ${percent(spread[0])} ${percent(spread[1])}\n`,
    );
    // Each batch: wall ms / CPU ms / the main thread's collecting ms (full collections).
    const each = fanout.timedBatches.map(
      (batch) =>
        `${batch.ms.toFixed(0)}/${batch.cpuMs.toFixed(0)}/${batch.gcMs.toFixed(1)}${batch.fullGcs > 0 ? `(${batch.fullGcs} full)` : ''}`,
    );
    if (each.length > 0) process.stdout.write(`      batches wall/CPU/gc ms: ${each.join('  ')}\n`);
  }
} finally {
  server.kill();
}
const ratios = rows.map((row) => row.ratio);
const summary = {
  medianRatio: median(ratios),
  worstRatio: Math.max(...ratios),
  widestSpread: Math.max(...rows.flatMap((row) => row.spread.map(Math.abs))),
};
process.stdout.write(
  `median ratio ${summary.medianRatio.toFixed(2)}, worst ${summary.worstRatio.toFixed(2)}, widest batch ${percent(summary.widestSpread)} from its median\n`,
);
if (flags.json) {
  const bareWarmUp = Number(flags['bare-warm-up']);
  const bareNodeFlags = (flags['bare-flags'] as string).split(' ').filter(Boolean);
  const settings = { pairs, jobs, concurrency, bareRequests, bareWarmUp, bareNodeFlags, runArgs, pointNodeFlags };
  const environment = { node: process.version, cpus: availableParallelism(), startedAt, note: flags.note };
  await writeFile(flags.json, `${JSON.stringify({ environment, settings, pairs: rows, summary }, null, 2)}\n`);
}

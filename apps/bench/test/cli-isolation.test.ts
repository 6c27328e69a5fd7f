import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type CompletedRun, isSkipped, type Report, reportSchema } from '../src/model/schema.js';
import { findWorkspaceRoot } from '../src/strategies/workspace.js';
import { runCli, tempDir } from './cli-helper.js';

const repo = findWorkspaceRoot() as string;
const sequentialEntry = pathToFileURL(join(repo, 'packages', 'sequential', 'dist', 'index.js')).href;
const MiB = 2 ** 20;

/** An external strategy module: the sequential strategy under another name, with `run` replaced by `wrapRun`. */
function strategyModule(dir: string, name: string, wrapRun: string): string {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(
    file,
    `import { strategy as base } from '${sequentialEntry}';
const kept = [];
export const strategy = {
  ...base,
  name: '${name}',
  async create(options) {
    const inner = await base.create(options);
    return { run: ${wrapRun}, close: () => inner.close() };
  },
};
`,
  );
  return file;
}

const SMALL_RUN = ['--concurrency', '1', '--jobs', '10', '--latency', '0', '--size', '1000', '--iterations', '2'];
/** What these tests prove is the points' isolation: the calibration's 5–12 s would only wait in front of it. */
const NO_CALIBRATION = ['--calibration', 'off'];

async function runReport(args: readonly string[]): Promise<Report> {
  const cwd = tempDir();
  const result = await runCli(['run', ...args, ...SMALL_RUN, ...NO_CALIBRATION, '--out', 'out'], cwd);
  expect(result.stderr).not.toMatch(/internal error/);
  expect(result.code).toBe(0);
  return reportSchema.parse(JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')));
}

function completed(report: Report, strategy: string): CompletedRun {
  const run = report.runs.find((candidate) => candidate.strategy === strategy);
  if (!run || isSkipped(run)) throw new Error(`${strategy} did not complete: ${JSON.stringify(run)}`);
  return run;
}

describe('each point runs in its own process', () => {
  it('a point that leaks 300 MB does not raise the next point’s peak RSS', async () => {
    const dir = tempDir();
    // Filled, not zeroed: zero pages from calloc would never become resident.
    const leak = strategyModule(
      dir,
      'leak',
      `async (jobs, signal) => { while (kept.length < 3) kept.push(Buffer.alloc(100 * 2 ** 20, 1)); return inner.run(jobs, signal); }`,
    );
    const afterLeak = await runReport(['--strategy-module', leak, '--strategies', 'leak,sequential']);
    const alone = await runReport(['--strategies', 'sequential']);
    const leaked = completed(afterLeak, 'leak');
    const sequentialAfterLeak = completed(afterLeak, 'sequential');
    const sequentialAlone = completed(alone, 'sequential');
    // The leak is real and shows in its own point…
    expect(leaked.peakRssBytes - (leaked.baselineRssBytes ?? 0)).toBeGreaterThan(290 * MiB);
    // …and only there: in one process the next point would start 300 MB higher.
    expect(Math.abs(sequentialAfterLeak.peakRssBytes - sequentialAlone.peakRssBytes)).toBeLessThan(50 * MiB);
    for (const run of [leaked, sequentialAfterLeak, sequentialAlone]) {
      expect(run.baselineRssBytes).toBeGreaterThan(10 * MiB);
      expect(run.baselineRssBytes).toBeLessThanOrEqual(run.peakRssBytes);
    }
  });

  it('a point whose process crashes or whose strategy throws is listed with its reason; the next runs normally', async () => {
    const dir = tempDir();
    const crash = strategyModule(
      dir,
      'crash',
      `async () => { process.stderr.write('crashing on purpose\\n'); process.exit(3); }`,
    );
    const throws = strategyModule(dir, 'throws', `async () => { throw new Error('broken on purpose'); }`);
    const report = await runReport([
      ...['--strategy-module', crash, '--strategy-module', throws],
      ...['--strategies', 'crash,throws,sequential'],
    ]);
    expect(report.runs.map((run) => [run.strategy, isSkipped(run) ? run.skipped : 'completed'])).toEqual([
      ['crash', 'crashed: exit code 3 (crashing on purpose)'],
      ['throws', 'error: broken on purpose'],
      ['sequential', 'completed'],
    ]);
    const sequential = completed(report, 'sequential');
    expect(sequential).toMatchObject({ worstBatch: { succeeded: 10, failed: 0, errors: {} }, samples: 2 });
    expect(sequential.server).toMatchObject({ requests: 20, maxInFlight: 1, connections: 1, protocol: 'http/1.1' });
  });
});

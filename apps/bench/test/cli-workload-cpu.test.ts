import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CompletedRun, isSkipped, reportSchema } from '../src/model/schema.js';
import { runCli, tempDir } from './cli-helper.js';

describe('fanout run --workload cpu', () => {
  it('runs sequential as the baseline, verifies every value and counts the pool processes in CPU and memory', async () => {
    const cwd = tempDir();
    const result = await runCli(
      [
        'run',
        '--workload',
        'cpu',
        '--cpu-base',
        '20000000',
        '--strategies',
        'sequential,async,thread-pool,process-pool',
        '--concurrency',
        '2',
        '--jobs',
        '8',
        '--iterations',
        '2',
        '--out',
        'out',
      ],
      cwd,
    );
    expect(result.stderr).not.toMatch(/internal error|Warning/);
    expect(result.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')));
    const points = report.runs.map((run) => `${run.strategy}@${run.concurrency}${isSkipped(run) ? ' skipped' : ''}`);
    // W = 2 is above sequential's limit, so it also runs at W = 1: the baseline is never missing.
    expect(points).toEqual(['sequential@1', 'sequential@2 skipped', 'async@2', 'thread-pool@2', 'process-pool@2']);
    const completed = report.runs.filter((run): run is CompletedRun => !isSkipped(run));
    const sequential = completed.find((run) => run.strategy === 'sequential');
    for (const run of completed) {
      // A wrong value would be a failure (VALUE_MISMATCH), never a success.
      expect(run.totals).toMatchObject({ succeeded: 8 * run.samples, failed: 0 });
      expect(run.overBaseline).toBeCloseTo((sequential?.meanBatchMs ?? 0) / run.meanBatchMs, 6);
    }
    // The same sums are computed somewhere: the process pool's children are counted, not just its IPC.
    const pool = completed.find((run) => run.strategy === 'process-pool');
    expect(pool?.childProcesses).toBe(2);
    expect(pool?.cpuMsPerBatch).toBeGreaterThan((sequential?.cpuMsPerBatch ?? 0) * 0.5);
    expect(pool?.peakRssBytes).toBeGreaterThan(3 * 20 * 2 ** 20);
    const markdown = readFileSync(join(cwd, 'out', 'report.md'), 'utf8');
    expect(markdown).toContain('| Workload | cpu: Σ i² for i = 0 … n − 1 (mod 2^32), n = 20,000,000 + job index');
    expect(markdown).toContain('## Speed over sequential');
    expect(result.stdout).toMatch(/× seq/);
  });
});

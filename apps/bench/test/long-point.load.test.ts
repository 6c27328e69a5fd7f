import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CompletedRun, isSkipped, reportSchema } from '../src/model/schema.js';
import { runCli, tempDir } from './cli-helper.js';

// Issue 17: a point of 200,000 jobs was judged hung 1 ms after it started (its deadline overflowed setTimeout).
// Without added latency one batch takes a minute here, so it runs once, with every one of its results checked.
describe('a 200,000-job point', { timeout: 600_000 }, () => {
  it('runs to completion, every result checked against the page', async () => {
    const cwd = tempDir();
    const args = ['run', '--strategies', 'async', '--concurrency', '4', '--jobs', '200000', '--latency', '0'];
    const result = await runCli([...args, '--iterations', '1', '--out', 'out'], cwd);
    expect(result.stderr).not.toMatch(/TimeoutOverflowWarning|timed out|internal error/);
    expect(result.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')));
    const run = report.runs[0] as CompletedRun;
    expect(isSkipped(run)).toBe(false);
    expect(run.totals).toMatchObject({ batches: 1, succeeded: 200_000, failed: 0 });
    expect(report.settings.pageChecks).toEqual([
      { url: expect.stringMatching(/\/page\?size=16384&latency=0$/), bytes: 16_384 },
    ]);
  });
});

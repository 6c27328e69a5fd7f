import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './cli-helper.js';
import { completed, makeReport } from './report-fixture.js';

function reportFile(name: string, meanBatchMs: number): string {
  const file = join(tempDir(), name);
  writeFileSync(
    file,
    JSON.stringify(makeReport([completed('async', 10, meanBatchMs, 1), completed('async', 50, 100, 1)])),
  );
  return file;
}

describe('fanout compare guards a CI job', () => {
  it('exits 0 comparing a report with itself', async () => {
    const file = reportFile('a.json', 200);
    const result = await runCli(['compare', file, file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/async .* 10 .* 1\.00× .* same/);
  });

  it('exits 1 when a point is slower beyond noise and the threshold, 0 with a looser threshold', async () => {
    const a = reportFile('a.json', 200);
    const b = reportFile('b.json', 260);
    const strict = await runCli(['compare', a, b]);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toMatch(/1\.30×.*slower/);
    expect((await runCli(['compare', a, b, '--threshold', '40'])).code).toBe(0);
  });

  it('refuses a missing or malformed report and a bad threshold with exit 2', async () => {
    const good = reportFile('a.json', 200);
    const missing = await runCli(['compare', good, join(tempDir(), 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json/);
    const bad = join(tempDir(), 'bad.json');
    writeFileSync(bad, '{"runs": 3}');
    const malformed = await runCli(['compare', good, bad]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/bad\.json/);
    const threshold = await runCli(['compare', good, good, '--threshold', '-5']);
    expect(threshold.code).toBe(2);
    expect(threshold.stderr).toMatch(/--threshold .*"-5"/);
  });
});

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReport } from '../src/model/load.js';
import { isUsageError } from '../src/usage-error.js';
import { completed, makeReport, sweepReport } from './report-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'fanout-compare-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** The UsageError loadReport throws for `path`, checked to be a single line that names the file. */
function failure(path: string): string {
  try {
    loadReport(path);
  } catch (error) {
    expect(isUsageError(error)).toBe(true);
    const message = error instanceof Error ? error.message : '';
    expect(message).toContain(JSON.stringify(path));
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error(`loadReport(${path}) did not throw`);
}

describe('loadReport', () => {
  it('returns the validated report', () => {
    const report = sweepReport();
    expect(loadReport(file('good.json', JSON.stringify(report, null, 2)))).toEqual(report);
  });

  it('names a missing file', () => {
    expect(failure(join(dir, 'nope.json'))).toMatch(/does not exist$/);
  });

  it('names a directory given as the report', () => {
    expect(failure(dir)).toMatch(/is a directory, not a file$/);
  });

  it('names a path it cannot read for another reason, with the system error code', () => {
    const notADirectory = join(file('plain.json', '{}'), 'report.json');
    expect(failure(notADirectory)).toMatch(/cannot be read \(ENOTDIR\)$/);
  });

  // root reads files whatever their mode, so the check only means something for other users.
  it.skipIf(process.getuid?.() === 0)('names a file it may not read', () => {
    const path = file('locked.json', JSON.stringify(sweepReport()));
    chmodSync(path, 0o000);
    expect(failure(path)).toMatch(/cannot be read \(EACCES\)$/);
  });

  it('names a file that is not JSON', () => {
    expect(failure(file('broken.json', '{"schemaVersion": 1,\n'))).toMatch(/is not valid JSON: /);
    expect(failure(file('empty.json', ''))).toMatch(/is not valid JSON: /);
  });

  it('reads a version 1 report, migrated: wallMs as meanBatchMs, the worst batch counts as worstBatch', () => {
    const current = makeReport([completed('async', 10, 87, 9.4)]);
    const run = current.runs[0];
    if (!run || !('worstBatch' in run)) throw new Error('completed run expected');
    const { meanBatchMs, worstBatch, ...rest } = run;
    const v1 = { ...current, schemaVersion: 1, runs: [{ ...rest, ...worstBatch, wallMs: meanBatchMs, idealMs: 50 }] };
    const loaded = loadReport(file('v1.json', JSON.stringify(v1)));
    expect(loaded.schemaVersion).toBe(3);
    expect(loaded.runs).toEqual(current.runs);
  });

  it('names the first place where the JSON is not a report', () => {
    const report = sweepReport();
    const badRun = { ...report, runs: [{ ...report.runs[0], meanBatchMs: -1 }] };
    expect(failure(file('bad-run.json', JSON.stringify(badRun)))).toMatch(
      /is not a fanout report: at runs\.0\.meanBatchMs: /,
    );
    const newer = { ...report, schemaVersion: 4 };
    expect(failure(file('newer.json', JSON.stringify(newer)))).toMatch(/not a fanout report: at schemaVersion: /);
    expect(failure(file('array.json', '[]'))).toMatch(/not a fanout report: at \(top level\): /);
  });
});

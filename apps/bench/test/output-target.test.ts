import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { prepareOutputDir, prepareOutputFile } from '../src/output/probe.js';
import { publishReport } from '../src/output/publish.js';
import { UsageError } from '../src/usage-error.js';
import { runCli, startCli, tempDir } from './cli-helper.js';
import { mountTinyTmpfs } from './output-tmpfs.js';
import { completed, makeReport } from './report-fixture.js';

describe('output targets are proven by doing, before any work', () => {
  it('refuses a procfs path (where recursive mkdir would spin forever) with a usage error', () => {
    for (const path of ['/proc/fanout-out', '/proc/fanout-out/deeper/still']) {
      expect(() => prepareOutputDir(path, '--out')).toThrow(UsageError);
      expect(() => prepareOutputDir(path, '--out')).toThrow(`--out ${JSON.stringify(path)}`);
    }
  });

  it('refuses a folder that is a dangling link, and a path below it', () => {
    const dir = tempDir();
    symlinkSync(join(dir, 'nowhere', 'at-all'), join(dir, 'dangling'));
    expect(() => prepareOutputDir(join(dir, 'dangling'), '--out')).toThrow(/link to something that does not exist/);
    expect(() => prepareOutputDir(join(dir, 'dangling', 'sub'), '--out')).toThrow(UsageError);
  });

  it('refuses a file in the way and a --json path that is a folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    expect(() => prepareOutputDir(join(dir, 'file', 'out'), '--out')).toThrow(/is not a directory/);
    expect(() => prepareOutputFile(dir, '--json')).toThrow(/is a directory, not a file/);
  });

  it('makes missing folders level by level and leaves no probe behind', () => {
    const dir = tempDir();
    prepareOutputDir(join(dir, 'a', 'b', 'c'), '--out');
    prepareOutputFile(join(dir, 'x', 'r.json'), '--json');
    expect(readdirSync(join(dir, 'a', 'b', 'c'))).toEqual([]);
    expect(readdirSync(join(dir, 'x'))).toEqual([]);
  });

  it('fanout run --out /proc/x exits 2 with one line and runs nothing', async () => {
    const started = performance.now();
    const result = await runCli(['run', '--out', '/proc/fanout-x', '--jobs', '10', '--concurrency', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^fanout: --out "\/proc\/fanout-x": .*cannot be created/);
    expect(result.stdout).toBe('');
    // Not a timing assertion: an unbounded loop would never get here at all; this names how it failed.
    expect(performance.now() - started).toBeLessThan(60_000);
  });

  it('fanout report --out into a dangling link exits 2', async () => {
    const dir = tempDir();
    const file = join(dir, 'r.json');
    writeFileSync(file, JSON.stringify(makeReport([completed('async', 1, 100)])));
    symlinkSync(join(dir, 'gone'), join(dir, 'link'));
    const result = await runCli(['report', file, '--out', join(dir, 'link')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^fanout: --out .*link to something that does not exist\n$/);
  });
});

describe('a report that cannot be written is never lost', () => {
  const tiny = mountTinyTmpfs();
  afterAll(() => tiny.unmount());

  it('lists a rendering that fails instead of skipping it, and still writes the rest', async () => {
    const out = tempDir();
    const published = await publishReport(makeReport([completed('async', 1, 100)]), out, undefined, [
      {
        file: 'broken.svg',
        render: () => {
          throw new Error('chart library exploded');
        },
      },
      { file: 'report.md', render: () => '# ok' },
    ]);
    expect(published.failures).toEqual([`could not write ${join(out, 'broken.svg')}: chart library exploded`]);
    expect(published.fallback).toBeUndefined();
    expect(readdirSync(out).sort()).toEqual(['report.json', 'report.md']);
  });

  it.skipIf(!tiny.mounted)(
    `on a full disk the JSON goes to the temp folder, with no *.tmp left (${tiny.why})`,
    async () => {
      const out = join(tiny.path, 'full');
      mkdirSync(out);
      tiny.fill();
      const report = makeReport([completed('async', 1, 100)]);
      const published = await publishReport(report, out, undefined, [
        { file: 'report.md', render: () => 'x'.repeat(8192) },
      ]);
      expect(published.written).toEqual([]);
      expect(published.failures).toHaveLength(2);
      expect(published.failures[0]).toMatch(/could not write .*report\.json: ENOSPC/);
      expect(published.fallback).toBeDefined();
      expect(JSON.parse(readFileSync(published.fallback as string, 'utf8'))).toEqual(report);
      rmSync(published.fallback as string);
      expect(readdirSync(out)).toEqual([]);
      tiny.empty();
    },
  );

  it.skipIf(!tiny.mounted)(
    `a run whose disk fills up prints its table, saves the JSON and exits 3 (${tiny.why})`,
    async () => {
      const out = join(tiny.path, 'run');
      // The disk fills after the probe passed: the second point's progress line is the cue.
      const { child, done } = startCli([
        'run',
        '--strategies',
        'async',
        '--concurrency',
        '1,2,3',
        '--jobs',
        '10',
        '--iterations',
        '2',
        '--calibration',
        'off',
        '--out',
        out,
      ]);
      let filled = false;
      child.stderr?.on('data', (chunk: Buffer) => {
        if (!filled && /\[1\/3\]/.test(chunk.toString())) {
          filled = true;
          tiny.fill();
        }
      });
      const result = await done;
      expect(filled).toBe(true);
      expect(result.code).toBe(3);
      expect(result.stdout).toMatch(/strategy .*W .*batch time/);
      expect(result.stderr).not.toMatch(/internal error|\n\s+at /);
      const saved = /the JSON report was saved to (\S+) instead/.exec(result.stderr)?.[1];
      expect(saved).toBeDefined();
      expect(JSON.parse(readFileSync(saved as string, 'utf8')).runs).toHaveLength(3);
      rmSync(saved as string);
      expect(existsSync(out) ? readdirSync(out).filter((name) => name.endsWith('.tmp')) : []).toEqual([]);
      tiny.empty();
    },
  );
});

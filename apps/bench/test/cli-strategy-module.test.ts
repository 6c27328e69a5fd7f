import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../src/model/schema.js';
import { findWorkspaceRoot } from '../src/strategies/workspace.js';
import { runCli, tempDir } from './cli-helper.js';

const repo = findWorkspaceRoot() as string;
const asyncEntry = pathToFileURL(join(repo, 'packages', 'async', 'dist', 'index.js')).href;

function moduleFile(source: string): string {
  const dir = tempDir();
  const file = join(dir, 'strategy.mjs');
  writeFileSync(file, source);
  return file;
}

describe('fanout run --strategy-module loads strategies kept outside the workspace', () => {
  it('runs a module file next to the built-ins', async () => {
    const file = moduleFile(
      `import { strategy as base } from '${asyncEntry}';\nexport const strategy = { ...base, name: 'outside' };\n`,
    );
    const cwd = tempDir();
    const args = ['run', '--strategy-module', file, '--strategies', 'outside,async', '--concurrency', '2'];
    const result = await runCli(
      [...args, '--jobs', '10', '--iterations', '1', '--calibration', 'off', '--out', 'out'],
      cwd,
    );
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')));
    expect(
      report.runs.map((run) => [run.strategy, 'worstBatch' in run ? run.worstBatch.succeeded : run.skipped]),
    ).toEqual([
      ['outside', 10],
      ['async', 10],
    ]);
  });

  it('loads a package folder through its fanout.strategy field', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'dist'));
    writeFileSync(join(dir, 'dist', 'main.mjs'), `export { strategy } from '${asyncEntry}';\n`);
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({
        name: 'my-http-wrapper',
        fanout: { strategy: { name: 'async', description: 'x', entry: './dist/main.mjs' } },
      }),
    );
    const result = await runCli(['run', '--strategy-module', dir, '--jobs', '4', '--iterations', '1']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/"async" is claimed by two packages: @fanout\/async and my-http-wrapper/);
  });

  for (const [label, source, message] of [
    ['no strategy export', 'export const nothing = 1;\n', /does not export "strategy"/],
    [
      'another contract version',
      `export const strategy = { contractVersion: 99, name: 'x', create: async () => ({}) };\n`,
      /implements contract version 99, this fanout expects 1/,
    ],
    [
      'no create function',
      `export const strategy = { contractVersion: 1, name: 'x' };\n`,
      /"strategy.create" is not a function/,
    ],
    [
      'a name that is not a strategy name',
      `export const strategy = { contractVersion: 1, name: 'Bad Name', create: async () => ({}) };\n`,
      /"strategy.name" must be lower-case letters, digits and dashes \(got "Bad Name"\)/,
    ],
    ['a module that throws on load', `throw new Error('boom');\n`, /cannot load: boom/],
  ] as const) {
    it(`refuses a module with ${label}: exit 2, names the module`, async () => {
      const file = moduleFile(source);
      const result = await runCli(['run', '--strategy-module', file]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(file);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  it('refuses a missing module and a package without the field', async () => {
    const missing = await runCli(['run', '--strategy-module', './nope.mjs']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--strategy-module "\.\/nope\.mjs": no such file or folder/);
    const plain = tempDir();
    writeFileSync(join(plain, 'package.json'), JSON.stringify({ name: 'plain' }));
    const noField = await runCli(['run', '--strategy-module', plain]);
    expect(noField.code).toBe(2);
    expect(noField.stderr).toMatch(/has no "fanout.strategy" field/);
    const unknownPackage = await runCli(['run', '--strategy-module', 'no-such-package-xyz']);
    expect(unknownPackage.stderr).toMatch(/package not found in node_modules/);
  });
});

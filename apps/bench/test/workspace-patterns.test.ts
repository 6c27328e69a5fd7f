import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverStrategies } from '../src/strategies/discover.js';
import { workspacePackageDirs } from '../src/strategies/workspace.js';
import { tempDir } from './cli-helper.js';

function workspace(yaml: string, dirs: readonly string[]): string {
  const root = tempDir();
  writeFileSync(join(root, 'pnpm-workspace.yaml'), yaml);
  for (const dir of dirs) {
    mkdirSync(join(root, dir), { recursive: true });
    const name = dir.replaceAll('/', '-');
    const pkg = { name, fanout: { strategy: { name, description: 'x', entry: './dist/index.js' } } };
    writeFileSync(join(root, dir, 'package.json'), JSON.stringify(pkg));
  }
  return root;
}

const relativeDirs = (root: string) => workspacePackageDirs(root).map((dir) => relative(root, dir));

describe('workspace discovery honours pnpm-workspace.yaml patterns', () => {
  it('follows ** at any depth, takes ! patterns out and never enters node_modules', () => {
    const yaml = [
      '# comments and quoting as pnpm allows',
      'packages:',
      '  - "strategies/**"',
      "  - 'tools/one'",
      '  - "!strategies/**/experimental"',
      '  - "!**/fixtures/**"',
      'catalog:',
      '  zod: ^4.0.0',
      '',
    ].join('\n');
    const root = workspace(yaml, [
      'strategies/a',
      'strategies/deep/er/b',
      'strategies/deep/experimental',
      'strategies/a/fixtures/c',
      'strategies/a/node_modules/dep',
      'tools/one',
      'tools/two',
    ]);
    expect(relativeDirs(root)).toEqual(['strategies/a', 'strategies/deep/er/b', 'tools/one']);
    expect(discoverStrategies(root).map((s) => s.name)).toEqual(['strategies-a', 'strategies-deep-er-b', 'tools-one']);
  });

  it('a negation before the pattern it narrows still applies (order does not matter)', () => {
    const root = workspace('packages: ["!packages/skip", "packages/*"]\n', ['packages/keep', 'packages/skip']);
    expect(relativeDirs(root)).toEqual(['packages/keep']);
  });

  it('names the file when it is not valid YAML or packages is not a list of strings', () => {
    expect(() => workspacePackageDirs(workspace('packages: [unclosed\n', []))).toThrow(
      /pnpm-workspace\.yaml is not valid YAML/,
    );
    expect(() => workspacePackageDirs(workspace('packages: [1, 2]\n', []))).toThrow(
      /"packages" must be a list of glob strings/,
    );
  });
});

import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverStrategies, selectStrategies } from '../src/strategies/discover.js';
import { findWorkspaceRoot } from '../src/strategies/workspace.js';
import { tempDir } from './cli-helper.js';

function workspace(packages: Record<string, object>): string {
  const root = tempDir();
  writeFileSync(join(root, 'pnpm-workspace.yaml'), "packages:\n  - packages/*\n  - 'apps/*'\n");
  for (const [dir, pkg] of Object.entries(packages)) {
    mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, dir, 'package.json'), JSON.stringify(pkg));
  }
  return root;
}

const strategyPackage = (packageName: string, name: string) => ({
  name: packageName,
  fanout: { strategy: { name, description: `the ${name} strategy`, entry: './dist/index.js' } },
});

describe('strategy discovery reads package.json fields only', () => {
  it('finds strategy packages under every workspace glob and ignores the rest', () => {
    const root = workspace({
      'packages/b': strategyPackage('@x/b', 'bravo'),
      'packages/a': strategyPackage('@x/a', 'alpha'),
      'packages/lib': { name: '@x/lib' },
      'apps/c': strategyPackage('@x/c', 'charlie'),
    });
    expect(discoverStrategies(root).map((s) => [s.name, s.packageName])).toEqual([
      ['alpha', '@x/a'],
      ['bravo', '@x/b'],
      ['charlie', '@x/c'],
    ]);
  });

  it('picks up a copied strategy package without touching apps/', () => {
    const repo = findWorkspaceRoot();
    if (!repo) throw new Error('no workspace root');
    const root = tempDir();
    cpSync(join(repo, 'pnpm-workspace.yaml'), join(root, 'pnpm-workspace.yaml'));
    for (const name of ['async', 'sequential']) {
      cpSync(join(repo, 'packages', name, 'package.json'), join(root, 'packages', name, 'package.json'));
    }
    const copy = JSON.parse(JSON.stringify(strategyPackage('@fanout/async-copy', 'async-copy')));
    mkdirSync(join(root, 'packages', 'async-copy'), { recursive: true });
    writeFileSync(join(root, 'packages', 'async-copy', 'package.json'), JSON.stringify(copy));
    expect(discoverStrategies(root).map((s) => s.name)).toEqual(['async', 'async-copy', 'sequential']);
  });

  it('names both packages when two claim the same strategy name', () => {
    const root = workspace({
      'packages/one': strategyPackage('@x/one', 'same'),
      'packages/two': strategyPackage('@x/two', 'same'),
    });
    expect(() => discoverStrategies(root)).toThrow(/"same" is claimed by two packages: @x\/one .* and @x\/two/);
  });

  it('rejects a malformed strategy field, naming the file and the field', () => {
    const root = workspace({
      'packages/bad': { name: '@x/bad', fanout: { strategy: { name: 'Bad!', entry: 'x.js' } } },
    });
    expect(() => discoverStrategies(root)).toThrow(
      /packages\/bad\/package\.json: invalid "fanout.strategy": name: .*"Bad!"/,
    );
  });

  it('lists the known names when a requested one is unknown', () => {
    const root = workspace({ 'packages/a': strategyPackage('@x/a', 'alpha') });
    expect(() => selectStrategies(discoverStrategies(root), ['beta'])).toThrow('unknown strategy "beta"; known: alpha');
  });
});

describe('a package with several strategies', () => {
  it('lists each entry of a fanout.strategy array, with its export name, and names a bad one by index', () => {
    const root = workspace({
      'packages/pool': {
        name: '@x/pool',
        fanout: {
          strategy: [
            { name: 'pool-a', description: 'first', entry: 'x.js' },
            { name: 'pool-b', description: 'second', entry: 'x.js', export: 'second' },
          ],
        },
      },
    });
    expect(discoverStrategies(root).map((m) => [m.name, m.export, m.packageName])).toEqual([
      ['pool-a', undefined, '@x/pool'],
      ['pool-b', 'second', '@x/pool'],
    ]);
    const bad = workspace({
      'packages/pool': {
        name: '@x/pool',
        fanout: { strategy: [{ name: 'ok', description: 'd', entry: 'x.js', export: '1x' }] },
      },
    });
    expect(() => discoverStrategies(bad)).toThrow(/invalid "fanout.strategy": 0\.export: /);
  });
});

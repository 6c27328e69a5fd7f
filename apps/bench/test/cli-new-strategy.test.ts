import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverStrategies } from '../src/strategies/discover.js';
import { runCli, tempDir } from './cli-helper.js';

function emptyWorkspace(): string {
  const root = tempDir();
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  return root;
}

describe('fanout new (pnpm new:strategy) scaffolds a strategy package', () => {
  it('creates a complete package that discovery lists', async () => {
    const root = emptyWorkspace();
    const result = await runCli(['new', 'my-h2', '--description', 'An "HTTP/2" client', '--root', root]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const dir = join(root, 'packages', 'my-h2');
    for (const file of [
      'package.json',
      'tsconfig.json',
      'tsconfig.build.json',
      'vitest.config.ts',
      'README.md',
      'src/index.ts',
      'test/conformance.test.ts',
    ]) {
      expect(existsSync(join(dir, file)), file).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({
      name: '@fanout/my-h2',
      description: 'An "HTTP/2" client',
      fanout: { strategy: { name: 'my-h2', entry: './dist/index.js' } },
      dependencies: { '@fanout/core': 'workspace:*' },
    });
    expect(readFileSync(join(dir, 'src', 'index.ts'), 'utf8')).toContain("name: 'my-h2'");
    expect(readFileSync(join(dir, 'test', 'conformance.test.ts'), 'utf8')).toContain('testStrategy(strategy)');
    expect(readFileSync(join(dir, 'vitest.config.ts'), 'utf8')).toContain("name: 'my-h2'");
    expect(discoverStrategies(root).map((s) => s.name)).toEqual(['my-h2']);
  });

  for (const [name, message] of [
    ['Bad_Name', /strategy name "Bad_Name" is not valid/],
    ['9lives', /is not valid/],
    ['two--dashes', /is not valid/],
    ['core', /reserved/],
  ] as const) {
    it(`refuses ${name} with exit 2`, async () => {
      const root = emptyWorkspace();
      const result = await runCli(['new', name, '--root', root]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(existsSync(join(root, 'packages'))).toBe(false);
    });
  }

  it('refuses an existing package and a strategy name already taken', async () => {
    const root = emptyWorkspace();
    expect((await runCli(['new', 'first', '--root', root])).code).toBe(0);
    const again = await runCli(['new', 'first', '--root', root]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/packages\/first already exists/);
  });
});

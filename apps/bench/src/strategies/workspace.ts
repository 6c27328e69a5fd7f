import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globSync } from 'tinyglobby';
import { parse } from 'yaml';
import { UsageError } from '../usage-error.js';

/** The monorepo root: the nearest folder above this file with a pnpm-workspace.yaml. */
export function findWorkspaceRoot(from = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let current = resolve(from);
  for (;;) {
    if (existsSync(join(current, 'pnpm-workspace.yaml'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * Package folders matched by the workspace's `packages:` patterns, with pnpm's
 * meaning: globs (`*`, `**`) pick folders holding a package.json and `!`
 * patterns take folders out, whatever their order. node_modules is never a
 * workspace package.
 */
export function workspacePackageDirs(root: string): string[] {
  const file = join(root, 'pnpm-workspace.yaml');
  let parsed: unknown;
  try {
    parsed = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file} is not valid YAML: ${(error as Error).message}`);
  }
  const patterns = (parsed as { packages?: unknown } | null)?.packages ?? [];
  if (!Array.isArray(patterns) || !patterns.every((pattern) => typeof pattern === 'string')) {
    throw new UsageError(`${file}: "packages" must be a list of glob strings`);
  }
  const include = patterns.filter((pattern) => !pattern.startsWith('!')).map(manifestGlob);
  const exclude = patterns
    .filter((pattern) => pattern.startsWith('!'))
    .map((pattern) => manifestGlob(pattern.slice(1)));
  if (include.length === 0) return [];
  const manifests = globSync(include, { cwd: root, ignore: ['**/node_modules/**', ...exclude], dot: false });
  return manifests.map((manifest) => join(root, dirname(manifest))).sort((a, b) => a.localeCompare(b));
}

// A pattern names package folders; the folder counts when it has a package.json.
function manifestGlob(pattern: string): string {
  const trimmed = pattern.replace(/^\.\//, '').replace(/\/+$/, '');
  return trimmed === '' || trimmed === '.' ? 'package.json' : `${trimmed}/package.json`;
}

import { relative } from 'node:path';
import { UsageError } from '../usage-error.js';
import { readManifests, type StrategyManifest } from './manifest.js';
import { findWorkspaceRoot, workspacePackageDirs } from './workspace.js';

/**
 * Every workspace package that declares `fanout.strategy` in its package.json,
 * sorted by name. Nothing is registered by hand: adding a package is enough.
 */
export function discoverStrategies(root = findWorkspaceRoot()): StrategyManifest[] {
  if (root === undefined)
    throw new UsageError('cannot find the fanout workspace (no pnpm-workspace.yaml above the CLI)');
  const byName = new Map<string, StrategyManifest>();
  for (const manifest of workspacePackageDirs(root).flatMap((dir) => readManifests(dir, root))) {
    const clash = byName.get(manifest.name);
    if (clash) {
      throw new UsageError(
        `strategy name "${manifest.name}" is claimed by two packages: ${clash.packageName} (${relative(root, clash.dir)}) and ${manifest.packageName} (${relative(root, manifest.dir)})`,
      );
    }
    byName.set(manifest.name, manifest);
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Adds strategies from outside the workspace; a name used twice is an error naming both packages. */
export function mergeStrategies(
  discovered: readonly StrategyManifest[],
  external: readonly StrategyManifest[],
): StrategyManifest[] {
  const all = [...discovered];
  for (const manifest of external) {
    const clash = all.find((known) => known.name === manifest.name);
    if (clash) {
      throw new UsageError(
        `strategy name "${manifest.name}" is claimed by two packages: ${clash.packageName} and ${manifest.packageName}`,
      );
    }
    all.push(manifest);
  }
  return all;
}

/** Picks the requested strategies, or names the unknown one and lists the known ones. */
export function selectStrategies(
  all: readonly StrategyManifest[],
  names: readonly string[] | undefined,
): StrategyManifest[] {
  if (!names) return [...all];
  return [...new Set(names)].map((name) => {
    const found = all.find((manifest) => manifest.name === name);
    if (!found) {
      throw new UsageError(
        `unknown strategy "${name}"; known: ${all.map((manifest) => manifest.name).join(', ') || '(none)'}`,
      );
    }
    return found;
  });
}

import { existsSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../usage-error.js';
import { checkDefinition, type LoadedStrategy, loadStrategy } from './load.js';
import { readManifests, type StrategyManifest } from './manifest.js';

/**
 * Loads a strategy kept outside this workspace (--strategy-module): a package
 * folder or a package name (found in node_modules from `cwd` up) with a
 * `fanout.strategy` field, or a plain module file exporting `strategy`.
 */
export async function loadExternalStrategy(spec: string, cwd = process.cwd()): Promise<LoadedStrategy[]> {
  const isPath = spec.startsWith('.') || isAbsolute(spec) || existsSync(resolve(cwd, spec));
  const location = isPath ? resolve(cwd, spec) : findPackage(spec, cwd);
  if (!location || !existsSync(location)) {
    throw new UsageError(
      `--strategy-module ${JSON.stringify(spec)}: ${isPath ? 'no such file or folder' : 'package not found in node_modules'}`,
    );
  }
  if (statSync(location).isDirectory()) {
    const manifests = readManifests(location, dirname(location));
    if (manifests.length === 0)
      throw new UsageError(`--strategy-module ${JSON.stringify(spec)}: package.json has no "fanout.strategy" field`);
    const loaded: LoadedStrategy[] = [];
    for (const manifest of manifests) loaded.push({ manifest, definition: await loadStrategy(manifest) });
    return loaded;
  }
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(location).href)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`--strategy-module ${JSON.stringify(spec)}: cannot load: ${(error as Error).message}`);
  }
  const definition = checkDefinition(module.strategy, `--strategy-module ${JSON.stringify(spec)}`);
  const manifest: StrategyManifest = {
    name: definition.name,
    description: `external module ${spec}`,
    entry: basename(location),
    packageName: spec,
    version: '0.0.0',
    dir: dirname(location),
  };
  return [{ manifest, definition }];
}

function findPackage(name: string, cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

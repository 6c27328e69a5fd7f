import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTRACT_VERSION, type StrategyDefinition, show, strategyNameProblem } from '@fanout/core';
import { UsageError } from '../usage-error.js';
import type { StrategyManifest } from './manifest.js';

/** A strategy ready to run: what its package.json says, and the definition its module exports. */
export interface LoadedStrategy {
  readonly manifest: StrategyManifest;
  readonly definition: StrategyDefinition;
}

/**
 * Imports a strategy's entry module and checks that it exports a valid
 * `strategy` built against this contract version; names the package and what
 * is missing otherwise.
 */
export async function loadStrategy(manifest: StrategyManifest): Promise<StrategyDefinition> {
  const file = join(manifest.dir, manifest.entry);
  const what = `strategy "${manifest.name}" (${manifest.packageName})`;
  if (!existsSync(file))
    throw new UsageError(`${what}: entry ${manifest.entry} does not exist; build it first (pnpm build)`);
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`${what}: cannot load ${manifest.entry}: ${(error as Error).message}`);
  }
  const name = manifest.export ?? 'strategy';
  return checkDefinition(module[name], what, manifest.name, name);
}

export function checkDefinition(
  value: unknown,
  what: string,
  expectedName?: string,
  exportName = 'strategy',
): StrategyDefinition {
  if (value === null || typeof value !== 'object') {
    throw new UsageError(`${what}: the module does not export "${exportName}" (use defineStrategy from @fanout/core)`);
  }
  const candidate = value as Partial<Record<keyof StrategyDefinition, unknown>>;
  if (candidate.contractVersion !== CONTRACT_VERSION) {
    throw new UsageError(
      `${what}: implements contract version ${String(candidate.contractVersion)}, this fanout expects ${CONTRACT_VERSION}`,
    );
  }
  if (typeof candidate.create !== 'function') throw new UsageError(`${what}: "${exportName}.create" is not a function`);
  const problem = strategyNameProblem(candidate.name);
  if (problem) throw new UsageError(`${what}: "strategy.name" ${problem} (got ${show(candidate.name)})`);
  if (expectedName !== undefined && candidate.name !== expectedName) {
    throw new UsageError(`${what}: package.json names it "${expectedName}" but the module says "${candidate.name}"`);
  }
  return value as StrategyDefinition;
}

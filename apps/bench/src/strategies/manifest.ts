import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatIssues } from '@fanout/core';
import { z } from 'zod';
import { UsageError } from '../usage-error.js';

/** The `fanout.strategy` field of a strategy package's package.json. */
const strategyFieldSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'must be lower-case letters, digits and dashes' }),
    description: z.string().min(1).max(200),
    /** Module (relative to the package) that exports `strategy`. */
    entry: z.string().min(1),
  })
  .strict();

export type StrategyField = z.infer<typeof strategyFieldSchema>;

/** A strategy known from its package.json alone, without loading its code. */
export interface StrategyManifest extends StrategyField {
  readonly packageName: string;
  readonly dir: string;
}

/** Reads a package's strategy manifest; undefined when the package is not a strategy. */
export function readManifest(dir: string, root: string): StrategyManifest | undefined {
  const where = relative(root, join(dir, 'package.json')) || 'package.json';
  let pkg: { name?: unknown; fanout?: { strategy?: unknown } };
  try {
    pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch (error) {
    throw new UsageError(`${where} is not valid JSON: ${(error as Error).message}`);
  }
  const field = pkg.fanout?.strategy;
  if (field === undefined) return undefined;
  const parsed = strategyFieldSchema.safeParse(field);
  if (!parsed.success)
    throw new UsageError(`${where}: invalid "fanout.strategy": ${formatIssues(parsed.error, field)}`);
  const packageName = typeof pkg.name === 'string' ? pkg.name : where;
  return { ...parsed.data, packageName, dir };
}

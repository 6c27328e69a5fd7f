import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatIssues, strategyNameSchema } from '@fanout/core';
import { z } from 'zod';
import { UsageError } from '../usage-error.js';

/** The `fanout.strategy` field of a strategy package's package.json. */
const strategyFieldSchema = z
  .object({
    name: strategyNameSchema,
    description: z.string().min(1).max(200),
    /** Module (relative to the package) that exports `strategy`. */
    entry: z.string().min(1),
    /** The entry's export that holds the definition (default "strategy"): one package may offer several. */
    export: z
      .string()
      .regex(/^[A-Za-z_$][\w$]*$/, { error: 'must be a JavaScript identifier' })
      .optional(),
  })
  .strict();

/** Several strategies from the same package (e.g. configurations of one pool). */
const strategyListSchema = z.array(strategyFieldSchema).min(1);

export type StrategyField = z.infer<typeof strategyFieldSchema>;

/** A strategy known from its package.json alone, without loading its code. */
export interface StrategyManifest extends StrategyField {
  readonly packageName: string;
  /** The package's version ("0.0.0" when it has none); reports record it so compare can tell a change. */
  readonly version: string;
  readonly dir: string;
}

/** Reads a package's strategy manifests; empty when the package is not a strategy. */
export function readManifests(dir: string, root: string): StrategyManifest[] {
  const where = relative(root, join(dir, 'package.json')) || 'package.json';
  let pkg: { name?: unknown; version?: unknown; fanout?: { strategy?: unknown } };
  try {
    pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch (error) {
    throw new UsageError(`${where} is not valid JSON: ${(error as Error).message}`);
  }
  const field = pkg.fanout?.strategy;
  if (field === undefined) return [];
  // Parsed by its own shape, so an error names the bad field rather than "invalid input" for a union.
  const parsed = Array.isArray(field)
    ? strategyListSchema.safeParse(field)
    : strategyFieldSchema.transform((one) => [one]).safeParse(field);
  if (!parsed.success)
    throw new UsageError(`${where}: invalid "fanout.strategy": ${formatIssues(parsed.error, field)}`);
  const packageName = typeof pkg.name === 'string' ? pkg.name : where;
  const version = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  return parsed.data.map((one) => ({ ...one, packageName, version, dir }));
}

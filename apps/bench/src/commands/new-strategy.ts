import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { show, strategyNameProblem } from '@fanout/core';
import type { NEW_FLAGS } from '../flags/command-flags.js';
import type { FlagValues } from '../flags/flag.js';
import { discoverStrategies } from '../strategies/discover.js';
import { findWorkspaceRoot } from '../strategies/workspace.js';
import { UsageError } from '../usage-error.js';

/** --description (checked by its schema: one line, at most 200 characters) and --root (tests; default: this workspace). */
export type NewStrategyFlags = FlagValues<typeof NEW_FLAGS>;

const TEMPLATE = fileURLToPath(new URL('../../templates/strategy/', import.meta.url));
const RESERVED = new Set(['core', 'conformance', 'fixture-server', 'bench', 'testing', 'http']);

/**
 * `fanout new <name>` (`pnpm new:strategy <name>`): creates packages/<name>, a
 * working strategy with its conformance test, ready after `pnpm install`.
 */
export function newStrategyCommand(name: string, flags: NewStrategyFlags): void {
  const root = flags.root ?? findWorkspaceRoot();
  if (!root) throw new UsageError('cannot find the fanout workspace (no pnpm-workspace.yaml)');
  const problem = strategyNameProblem(name);
  if (problem) throw new UsageError(`strategy name ${show(name)} is not valid: it ${problem}`);
  if (RESERVED.has(name)) throw new UsageError(`strategy name ${show(name)} is reserved for fanout's own packages`);
  const description = flags.description ?? `The ${name} strategy.`;
  const dir = join(root, 'packages', name);
  if (existsSync(dir)) throw new UsageError(`${relative(root, dir)} already exists; pick another name`);
  const clash = discoverStrategies(root).find((strategy) => strategy.name === name);
  if (clash) throw new UsageError(`strategy name ${show(name)} is already used by ${clash.packageName}`);

  const values: Record<string, string> = {
    __NAME__: name,
    __PACKAGE__: `@fanout/${name}`,
    // Escaped for JSON; harmless in TypeScript comments and Markdown.
    __DESCRIPTION__: JSON.stringify(description).slice(1, -1),
  };
  for (const file of templateFiles(TEMPLATE)) {
    const target = join(dir, file.replace(/\.tpl$/, ''));
    mkdirSync(join(target, '..'), { recursive: true });
    const text = readFileSync(join(TEMPLATE, file), 'utf8').replace(/__[A-Z]+__/g, (key) => values[key] ?? key);
    writeFileSync(target, text);
  }
  process.stdout.write(
    `created ${relative(root, dir)} (@fanout/${name})\nnext: pnpm install && pnpm --filter @fanout/${name} test && pnpm fanout run --strategies ${name}\n`,
  );
}

function templateFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((entry) =>
    statSync(join(dir, entry)).isDirectory()
      ? templateFiles(join(dir, entry), `${prefix}${entry}/`)
      : [`${prefix}${entry}`],
  );
}

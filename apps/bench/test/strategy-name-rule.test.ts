import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_STRATEGY_NAME_LENGTH, strategyNameProblem } from '@fanout/core';
import { describe, expect, it } from 'vitest';
import { newStrategyCommand } from '../src/commands/new-strategy.js';
import { parseFlags } from '../src/flags/flag.js';
import { RUN_FLAGS } from '../src/flags/run-flags.js';
import { checkDefinition } from '../src/strategies/load.js';
import { readManifests } from '../src/strategies/manifest.js';
import { tempDir } from './cli-helper.js';

/** Whether `check` accepts the name: undefined when it does, else its message. */
function verdict(check: () => unknown): string | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** The package.json field, the module's `strategy.name`, the --strategies flag and `fanout new`, each on `name`. */
function everyGate(name: string): Record<string, string | undefined> {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: '@x/p', fanout: { strategy: { name, description: 'd', entry: 'x.js' } } }),
  );
  // `new` on a workspace that already holds packages/<name>: a name that passes the rule fails on the folder.
  const root = tempDir();
  writeFileSync(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - packages/*\n');
  mkdirSync(join(root, 'packages', name), { recursive: true });
  return {
    manifest: verdict(() => readManifests(dir, dir)),
    module: verdict(() => checkDefinition({ contractVersion: 1, name, create: async () => ({}) }, 'module')),
    flag: verdict(() => parseFlags(RUN_FLAGS, { strategies: name })),
    new: verdict(() => newStrategyCommand(name, { root })),
  };
}

describe('one strategy-name rule (core) behind every gate', () => {
  const names = ['async', 'thread-pool-hybrid', 'h2', 'x'.repeat(MAX_STRATEGY_NAME_LENGTH)];
  const bad = ['Bad_Name', '9lives', 'two--dashes', 'dash-', 'x'.repeat(MAX_STRATEGY_NAME_LENGTH + 1)];
  for (const name of names) {
    it(`every gate accepts ${name.slice(0, 20)}`, () => {
      const gates = everyGate(name);
      expect({ ...gates, new: undefined }).toEqual({
        manifest: undefined,
        module: undefined,
        flag: undefined,
        new: undefined,
      });
      expect(gates.new).toMatch(/already exists/);
    });
  }
  for (const name of bad) {
    it(`every gate refuses ${name.slice(0, 20)} with the rule it breaks`, () => {
      const problem = strategyNameProblem(name) as string;
      for (const [gate, message] of Object.entries(everyGate(name))) expect(message, gate).toContain(problem);
    });
  }
});

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where a strategy's definition can be imported from by another process. */
export interface StrategyModule {
  /** file: URL of the built entry module. */
  readonly url: string;
  /** The export that holds the definition. */
  readonly exportName: string;
}

interface StrategyField {
  readonly name?: unknown;
  readonly entry?: unknown;
  readonly export?: unknown;
}

/**
 * Finds the module of the strategy named `name` from the test file that runs the suite: the nearest package.json
 * above it whose `fanout.strategy` field names it (the same field the CLI discovers strategies by). Undefined when
 * there is none, or its entry is not built: the checks that need another process then skip, saying so.
 */
export function strategyModuleNear(testFile: string, name: string): StrategyModule | undefined {
  for (let dir = dirname(testFile); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const field = (JSON.parse(readFileSync(manifest, 'utf8')) as { fanout?: { strategy?: unknown } }).fanout
        ?.strategy;
      const fields = (Array.isArray(field) ? field : [field]) as StrategyField[];
      const found = fields.find((one) => one?.name === name && typeof one.entry === 'string');
      if (found === undefined) return undefined;
      const file = resolve(dir, found.entry as string);
      if (!existsSync(file)) return undefined;
      return {
        url: pathToFileURL(file).href,
        exportName: typeof found.export === 'string' ? found.export : 'strategy',
      };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** The repository, read from disk: this file is apps/bench/test/import-graph.ts. */
export const REPO = resolve(dirname(new URL(import.meta.url).pathname), '../../..');

/** Every TypeScript file of the workspace's packages and apps (sources, tests, benches), as repo paths. */
function sourceFiles(dir = REPO): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return /^(node_modules|dist|dist-bench|templates|results|\..*)$/.test(entry.name) ? [] : sourceFiles(path);
    return /\.m?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative(REPO, path)] : [];
  });
}

/**
 * File → the files it imports: every import and export-from, type-only ones included, and import() of a literal.
 * Relative specifiers name .ts sources by their .js names; `@fanout/<package>[/sub]` is that package's src entry.
 */
export function importGraph(): Map<string, string[]> {
  const files = ['packages', 'apps'].flatMap((dir) => sourceFiles(join(REPO, dir)));
  const known = new Set(files);
  const target = (from: string, specifier: string): string | undefined => {
    const candidates: string[] = [];
    if (specifier.startsWith('.')) {
      const base = relative(REPO, resolve(REPO, dirname(from), specifier));
      candidates.push(base.replace(/\.js$/, '.ts'), base.replace(/\.mjs$/, '.mts'), base, join(base, 'index.ts'));
    } else {
      const match = /^@fanout\/([^/]+)(?:\/(.+))?$/.exec(specifier);
      if (!match) return undefined;
      const [, name, sub = 'index'] = match;
      for (const root of ['packages', 'apps']) {
        candidates.push(`${root}/${name}/src/${sub}.ts`, `${root}/${name}/src/${sub}/index.ts`);
      }
    }
    return candidates.find((candidate) => known.has(candidate));
  };
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(REPO, file), 'utf8'), true, true);
    const targets = importedFiles.map((imported) => target(file, imported.fileName));
    graph.set(file, [...new Set(targets.filter((found): found is string => found !== undefined))]);
  }
  return graph;
}

/** The strongly connected groups of more than one file (Tarjan): each is an import cycle. */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file) as number, index.get(next) as number));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      group.push(member);
      if (member === file) break;
    }
    if (group.length > 1 || (graph.get(file) ?? []).includes(file)) cycles.push(group.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

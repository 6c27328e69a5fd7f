import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JOB_ERROR_CODES } from '@fanout/core';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../../', import.meta.url).pathname;

/** Every file below `dir` whose name passes `keep`, node_modules, dist and dot folders left out. */
function filesBelow(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return /^(node_modules|dist|dist-bench|results|\..*)$/.test(entry.name) ? [] : filesBelow(path, keep);
    }
    return keep(entry.name) ? [path] : [];
  });
}

const SOURCE = ['packages', 'apps']
  .flatMap((dir) => filesBelow(dir, (name) => /\.(ts|mjs|py|tpl)$/.test(name)))
  .map((file) => readFileSync(join(ROOT, file), 'utf8'))
  .join('\n');

/** The docs that describe fanout's own code (performance.md also names Node's internals seen in profiles). */
const DOCS = [
  'README.md',
  'docs/writing-a-strategy.md',
  'docs/results.md',
  ...filesBelow('packages', (name) => name === 'README.md'),
];

/** Code a doc names in backticks: a call (`name(…)`), camelCase, a PascalCase compound or a CONSTANT_NAME. */
function namedCode(markdown: string): string[] {
  const names = new Set<string>();
  for (const [, span = ''] of markdown.matchAll(/`([^`\n]+)`/g)) {
    const match = /^([A-Za-z_$][\w$]*)(?:\.[A-Za-z_$][\w$]*)?(\()?/.exec(span);
    const name = match?.[1];
    if (!name) continue;
    const looksLikeCode = /[a-z][A-Z]|^[A-Z][a-z]+[A-Z]|^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(name) || match[2] === '(';
    if (looksLikeCode) names.add(name);
  }
  return [...names];
}

describe('docs name only code that exists', () => {
  for (const doc of DOCS) {
    it(`${doc}: every function, type and constant it names is in the source`, () => {
      const missing = namedCode(readFileSync(join(ROOT, doc), 'utf8')).filter(
        (name) => !new RegExp(`\\b${name.replaceAll('$', '\\$')}\\b`).test(SOURCE),
      );
      expect(missing).toEqual([]);
    });
  }

  for (const doc of DOCS) {
    it(`${doc}: every repository file and folder it names exists`, () => {
      const text = readFileSync(join(ROOT, doc), 'utf8');
      const named = [...text.matchAll(/`((?:apps|packages|docs)\/[\w./-]+)`|\]\(((?:apps|packages|docs)\/[^)#\s]+)/g)];
      const missing = named
        .map(([, code, link]) => (code ?? link) as string)
        // A file (it has an extension) or a folder (a trailing slash); `packages/NAME` is a placeholder.
        .filter((path) => /\.\w+$|\/$/.test(path) && !existsSync(join(ROOT, path)));
      expect(missing).toEqual([]);
    });
  }
});

/** The CONSTANT_NAMES in backticks in `text`. */
const codesIn = (text: string) => new Set([...text.matchAll(/`([A-Z][A-Z_]+)`/g)].map(([, code]) => code));

describe('the docs list every job error code, and only those', () => {
  it("README's Error codes section", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Error codes'), readme.indexOf('## Further reading'));
    expect(codesIn(section)).toEqual(new Set(JOB_ERROR_CODES));
  });

  it("writing-a-strategy.md's table", () => {
    const guide = readFileSync(join(ROOT, 'docs/writing-a-strategy.md'), 'utf8');
    const table = guide.slice(guide.indexOf('### Error codes'), guide.indexOf('## What the conformance suite checks'));
    const firstCells = table
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split(' | ')[0]);
    expect(codesIn(firstCells.join(' '))).toEqual(new Set(JOB_ERROR_CODES));
  });
});

import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The browser bundles of vega, vega-lite and vega-embed, read from the installed packages when a report is drawn
 * (never at start-up), to be inlined in report.html so it works offline.
 */

const require = createRequire(import.meta.url);

/** In dependency order: vega-embed's UMD build expects the globals `vega` and `vegaLite`. */
const PACKAGES = ['vega', 'vega-lite', 'vega-embed'] as const;

interface PackageJson {
  readonly name?: string;
  readonly unpkg?: string;
  readonly jsdelivr?: string;
}

/** The package's root: the nearest package.json above its resolved entry that carries its name. */
async function packageRoot(name: string): Promise<{ root: string; manifest: PackageJson }> {
  let dir = dirname(require.resolve(name));
  for (;;) {
    try {
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as PackageJson;
      if (manifest.name === name) return { root: dir, manifest };
    } catch {
      // No package.json here (or a partial one of a build folder): keep climbing.
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the package root of ${name}`);
    dir = parent;
  }
}

/** One bundle's source, found through the package's own `unpkg`/`jsdelivr` field (its minified browser build). */
async function browserBundle(name: string): Promise<string> {
  const { root, manifest } = await packageRoot(name);
  const file = manifest.unpkg ?? manifest.jsdelivr;
  if (!file) throw new Error(`${name} names no browser bundle (unpkg) in its package.json`);
  const source = await readFile(join(root, file), 'utf8');
  // Source-map comments would make devtools fetch a map that is not there.
  return source.replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '\n');
}

/** The three bundles in load order. */
export function loadChartBundles(): Promise<string[]> {
  return Promise.all(PACKAGES.map(browserBundle));
}

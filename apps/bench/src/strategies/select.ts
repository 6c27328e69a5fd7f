import { discoverStrategies, mergeStrategies, selectStrategies } from './discover.js';
import { loadExternalStrategy } from './external.js';
import { type LoadedStrategy, loadStrategy } from './load.js';

/**
 * The strategies a run measures, loaded: those of the workspace and of --strategy-module, the ones asked for (every
 * one when none is named, but those `excluded`). A module that cannot load, a name claimed twice or claimed by nobody is a usage error,
 * found before anything runs.
 */
export async function loadSelectedStrategies(
  names: readonly string[] | undefined,
  modules: readonly string[],
  excluded: readonly string[] = [],
): Promise<LoadedStrategy[]> {
  const external: LoadedStrategy[] = [];
  for (const spec of modules) external.push(...(await loadExternalStrategy(spec)));
  const known = mergeStrategies(
    discoverStrategies(),
    external.map((loaded) => loaded.manifest),
  );
  const loaded: LoadedStrategy[] = [];
  for (const manifest of selectStrategies(known, names)) {
    if (names === undefined && excluded.includes(manifest.name)) continue;
    const outside = external.find((one) => one.manifest === manifest);
    loaded.push(outside ?? { manifest, definition: await loadStrategy(manifest) });
  }
  return loaded;
}

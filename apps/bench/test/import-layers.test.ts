import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './import-graph.js';

/**
 * apps/bench/src from the ground up: a file may import its own layer and the layers below, never one above. Each
 * entry is a folder (ending in /) or a file; every file of src must have a place here.
 */
const LAYERS: readonly (readonly string[])[] = [
  // Knows nothing of fanout's runs: exit codes, units, flag parsing helpers, signals; harness/: what every client
  // shares (the processes it starts, their CPU and memory).
  ['usage-error.ts', 'format.ts', 'cli-numbers.ts', 'faults-flag.ts', 'stdout-pipe.ts', 'interrupt.ts', 'harness/'],
  // The report model: schema, figures computed once.
  ['model/'],
  // Trusted peers: other clients measured on the same target.
  ['peers/'],
  // Named settings, as data, and their description.
  ['profiles.ts', 'profile-description.ts'],
  // Where jobs go, what runs them, where reports are written.
  ['target/', 'strategies/', 'output/'],
  // The command line's flags, and the run's validated settings.
  ['flags/', 'config.ts'],
  // One point in its own process; the suite of points.
  ['run/'],
  // Views of the report, comparisons, progress lines.
  ['report/', 'compare/', 'progress.ts'],
  // A run session (target, calibration, rounds of points and peers) and the report built from it.
  ['session/'],
  ['commands/'],
  ['program.ts'],
  ['cli.ts'],
];

/**
 * Imports that still run back up, each owned by a colleague's change in flight (issue 18); remove an entry once it
 * is gone. The test fails on any other, and on an entry here that no longer occurs.
 */
const PENDING: readonly string[] = [];

/** Import cycles that still stand, owned likewise: the peers' messages and their batch files (issue 18). */
const PENDING_CYCLES: readonly (readonly string[])[] = [];

const SRC = 'apps/bench/src/';

function layerOf(file: string): number {
  const path = file.slice(SRC.length);
  const layer = LAYERS.findIndex((entries) =>
    entries.some((entry) => (entry.endsWith('/') ? path.startsWith(entry) : path === entry)),
  );
  if (layer < 0) throw new Error(`${path} has no layer in import-layers.test.ts: place it`);
  return layer;
}

describe('imports run one way', () => {
  const graph = importGraph();

  it('no import cycle between files anywhere in the workspace, type-only imports included', () => {
    expect(importCycles(graph)).toEqual(PENDING_CYCLES);
  });

  it('in apps/bench/src no file imports from a layer above its own', () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      if (!file.startsWith(SRC)) continue;
      for (const imported of imports) {
        if (!imported.startsWith(SRC) || layerOf(imported) <= layerOf(file)) continue;
        upward.push(`${file.slice(SRC.length)} -> ${imported.slice(SRC.length)}`);
      }
    }
    expect(upward.sort()).toEqual([...PENDING].sort());
  });

  it('reads the graph it judges: type-only imports and workspace packages are followed', () => {
    expect(graph.get(`${SRC}run/interrupted.ts`)).toContain(`${SRC}model/schema.ts`);
    expect(graph.get(`${SRC}session/calibrate.ts`)).toContain('packages/core/src/index.ts');
    expect(graph.size).toBeGreaterThan(200);
  });
});

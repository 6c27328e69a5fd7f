import type { Loader } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { formatBytes, formatMs } from '../format.js';
import { type CompletedRun, isSkipped, type Report } from '../model/schema.js';
import { oneLine } from './escape.js';

// One layer of the layered spec; vega-lite exports only the top-level type, so derive it from that.
type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

const GREY = '#666666';
/** Characters per subtitle line; outside text is clipped to it. */
const LINE = 80;

interface Point {
  strategy: string;
  W: number;
  ms: number;
}

// The chart must render offline and identically everywhere: every loader entry point refuses, so nothing in the
// spec (image marks, data urls, fonts) can ever make vega reach the file system or the network.
const refuse = (what: string) => (): Promise<never> =>
  Promise.reject(new Error(`fanout renders charts offline; vega tried to load ${what}`));
const offlineLoader: Loader = {
  load: refuse('data'),
  sanitize: refuse('a url'),
  http: refuse('a url'),
  file: refuse('a file'),
};

/**
 * The sweep as a standalone SVG: batch time against W (both log scale), one line per strategy, the ideal bound
 * dashed, knees ringed. Text from outside (strategy names, skip reasons, target) only ever goes into data values and
 * title strings, never into expressions or field names, and vega escapes it in the SVG.
 */
export async function renderSweepSvg(report: Report): Promise<string> {
  // Loaded here, not at the top: vega and vega-lite take most of a second to import, and `fanout list`,
  // `serve` and `--help` never draw a chart.
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new View(parse(compile(sweepSpec(report)).spec), { renderer: 'none', loader: offlineLoader });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The vega-lite spec behind renderSweepSvg, exported for tests and for anyone who wants an interactive chart. */
export function sweepSpec(report: Report): TopLevelSpec {
  const { settings } = report;
  // A log scale has no place for 0 ms, so such a point (only possible with a broken clock) is not drawn.
  const completed = report.runs.filter((run): run is CompletedRun => !isSkipped(run) && run.meanBatchMs > 0);
  const points: Point[] = completed.map((run) => ({ strategy: run.strategy, W: run.concurrency, ms: run.meanBatchMs }));
  const knees = completed
    .filter((run) => run.knee === run.concurrency)
    .map((run) => ({ strategy: run.strategy, W: run.concurrency, ms: run.meanBatchMs }));
  const widths = [...new Set(points.map((point) => point.W))].sort((a, b) => a - b);
  // The stored floors, the larger of the two at each W (every point at W has the same jobs, so the same floors).
  const ideal = widths
    .map((W) => {
      const bounds = completed.find((run) => run.concurrency === W && run.bounds)?.bounds;
      return { W, ms: Math.max(bounds?.latencyFloorMs ?? 0, bounds?.capacityFloorMs ?? 0) };
    })
    .filter((point) => point.ms > 0);

  // With nothing to plot the scales would have no domain and the axes would read NaN: give them a placeholder one.
  const empty = points.length === 0;
  const x = {
    field: 'W',
    type: 'quantitative',
    scale: { type: 'log', nice: false, padding: 16, ...(empty ? { domain: [1, 10] } : {}) },
    axis: { values: widths, title: 'concurrency W (log scale)' },
  } as const;
  const y = {
    field: 'ms',
    type: 'quantitative',
    scale: { type: 'log', nice: false, padding: 16, ...(empty ? { domain: [1, 1000] } : {}) },
    axis: { title: 'batch time, ms (log scale)' },
  } as const;
  const env = report.environment;
  // Short lines: without a canvas, vega estimates text at 0.8 em per character, so long lines would widen the chart.
  const subtitle = [
    settings.workload === 'cpu'
      ? `${settings.jobs} cpu jobs per batch · n from ${(settings.cpuBase ?? 0).toLocaleString('en-US')} · no I/O`
      : `${settings.jobs} jobs per batch · ${formatMs(settings.latencyMs)} added latency · ${formatBytes(settings.sizeBytes)} bodies${settings.workload === 'mixed' ? ` · sha256 × ${settings.hashRounds ?? 0}` : ''}`,
    oneLine(`profile ${settings.profile} · Node ${env.node} · ${env.cpus} CPUs`, LINE),
    oneLine(`target: ${report.target}`, LINE),
    ...(ideal.length > 0 ? ['dashed: the larger of the latency floor and the capacity floor'] : []),
    '◆ knee: the smallest W whose next W gains no more than the margins of error',
    ...skippedLines(report),
    ...(empty ? ['no completed run to plot'] : []),
    ...(report.interrupted ? ['interrupted: only the points that finished are shown'] : []),
  ];

  const layers: Layer[] = [
    {
      // Layer names become CSS classes in the SVG (`runs_…`, `ideal_…`, `knees_…`): stable hooks for styling and tests.
      name: 'runs',
      data: { values: points },
      mark: { type: 'line', point: true },
      encoding: { x, y, color: { field: 'strategy', type: 'nominal', title: 'strategy', sort: null } },
    },
  ];
  if (ideal.length > 0) {
    layers.push(
      {
        name: 'ideal',
        data: { values: ideal },
        mark: { type: 'line', strokeDash: [6, 4], color: GREY },
        encoding: { x, y },
      },
      {
        name: 'ideal_label',
        data: { values: ideal.slice(-1) },
        mark: { type: 'text', text: 'ideal', align: 'left', dx: 6, color: GREY },
        encoding: { x, y },
      },
    );
  }
  if (knees.length > 0) {
    const ring = { type: 'point', shape: 'diamond', size: 220, filled: false, strokeWidth: 2, color: 'black' } as const;
    layers.push({ name: 'knees', data: { values: knees }, mark: ring, encoding: { x, y } });
  }
  return {
    title: { text: 'fanout: batch time against concurrency', subtitle, anchor: 'start' },
    width: 560,
    height: 360,
    background: 'white',
    layer: layers,
  };
}

/** Skipped runs are not drawn; they are named here, one line per strategy and reason, e.g. `sequential at W = 10, 50`. */
function skippedLines(report: Report): string[] {
  const groups = new Map<string, { strategy: string; reason: string; widths: number[] }>();
  for (const run of report.runs.filter(isSkipped)) {
    const key = JSON.stringify([run.strategy, run.skipped]);
    const group = groups.get(key) ?? { strategy: run.strategy, reason: run.skipped, widths: [] };
    group.widths.push(run.concurrency);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ strategy, reason, widths }) =>
    oneLine(`skipped: ${strategy} at W = ${widths.join(', ')}: ${reason}`, LINE),
  );
}

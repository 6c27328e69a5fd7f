import type { Loader } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { oneLine } from '../model/one-line.js';
import type { Report } from '../model/schema.js';
import { type ReportView, viewOf } from './view/build.js';
import { KNEE_LEGEND, WARN_MARK } from './view/legends.js';

// One layer of the layered spec; vega-lite exports only the top-level type, so derive it from that.
type Layer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

const GREY = '#666666';
/** Characters per subtitle line; outside text is clipped to it. */
const LINE = 80;

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
 * The sweep as a standalone SVG: batch time against W (both log scale), one line per strategy, the latency floor
 * dashed, the capacity estimate dotted, peers as crosses, knees ringed, warnings and unmeasured points named. Text from outside (strategy names, skip reasons, target) only ever goes into data values and
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
  const view = viewOf(report);
  // A log scale has no place for 0 ms (only possible with a broken clock), so such a point is not drawn.
  const drawn = view.chart.filter((point) => point.batchMs > 0);
  const points = drawn.map((point) => ({ strategy: point.strategy, W: point.concurrency, ms: point.batchMs }));
  const knees = drawn.filter((point) => point.knee).map((point) => ({ W: point.concurrency, ms: point.batchMs }));
  const peers = view.chartPeers
    .filter((peer) => peer.batchMs > 0)
    .map((peer) => ({ peer: `${peer.name} (peer)`, W: peer.concurrency, ms: peer.batchMs }));
  const reference = (field: 'latencyFloorMs' | 'capacityEstimateMs') =>
    view.references.flatMap((at) => (at[field] ? [{ W: at.concurrency, ms: at[field] }] : []));
  const floor = reference('latencyFloorMs');
  const estimate = reference('capacityEstimateMs');
  const widths = [...new Set([...points, ...peers].map((point) => point.W))].sort((a, b) => a - b);

  // With nothing to plot the scales would have no domain and the axes would read NaN: give them a placeholder one.
  const empty = points.length === 0 && peers.length === 0;
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
  // A grey reference line at every W that has it, labelled at its last point.
  const referenceLayers = (
    name: string,
    values: { W: number; ms: number }[],
    dash: number[],
    label: string,
    dy: number,
  ): Layer[] =>
    values.length === 0
      ? []
      : [
          { name, data: { values }, mark: { type: 'line', strokeDash: dash, color: GREY }, encoding: { x, y } },
          {
            name: `${name}_label`,
            data: { values: values.slice(-1) },
            mark: { type: 'text', text: label, align: 'left', dx: 6, dy, color: GREY },
            encoding: { x, y },
          },
        ];
  const env = report.environment;
  // Short lines: without a canvas, vega estimates text at 0.8 em per character, so long lines would widen the chart.
  const subtitle = [
    view.workload,
    oneLine(`profile ${report.settings.profile} · Node ${env.node} · ${env.cpus} CPUs`, LINE),
    oneLine(`target: ${report.target}`, LINE),
    ...(floor.length > 0 ? ['dashed: the latency floor (a proven lower bound)'] : []),
    ...(estimate.length > 0 ? ["dotted: the capacity estimate (the calibration's best rate; not a bound)"] : []),
    ...(peers.length > 0 ? ['crosses: peers on the same target'] : []),
    KNEE_LEGEND,
    ...view.warnings.map((warning) => oneLine(`${WARN_MARK} ${warning.short}`, LINE)),
    ...unmeasuredLines(view),
    ...(empty ? ['no completed run to plot'] : []),
    ...(report.interrupted ? ['interrupted: only the points that finished are drawn'] : []),
  ];

  const layers: Layer[] = [
    {
      // Layer names become CSS classes in the SVG (`runs_…`, `floor_…`, `knees_…`): stable hooks for styling and tests.
      name: 'runs',
      data: { values: points },
      mark: { type: 'line', point: true },
      encoding: { x, y, color: { field: 'strategy', type: 'nominal', title: 'strategy', sort: null } },
    },
    // Labels apart, above and below their line: the two can meet at the same W.
    ...referenceLayers('floor', floor, [6, 4], 'latency floor', -7),
    ...referenceLayers('estimate', estimate, [2, 3], 'capacity estimate', 9),
  ];
  if (peers.length > 0) {
    layers.push(
      {
        name: 'peers',
        data: { values: peers },
        mark: { type: 'point', shape: 'cross', size: 90, filled: true, color: GREY },
        encoding: { x, y, description: { field: 'peer' } },
      },
      {
        name: 'peers_label',
        data: { values: peers },
        mark: { type: 'text', align: 'left', dx: 8, color: GREY },
        encoding: { x, y, text: { field: 'peer' } },
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

/** Points without a batch time are not drawn; they are named here, one line per strategy and reason. */
function unmeasuredLines(view: ReportView): string[] {
  const groups = new Map<string, { label: string; reason: string; widths: number[] }>();
  for (const row of view.rows) {
    if (row.state === 'measured') continue;
    const key = JSON.stringify([row.label, row.note]);
    const group = groups.get(key) ?? { label: row.label, reason: row.note, widths: [] };
    group.widths.push(row.concurrency);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ label, reason, widths }) =>
    oneLine(`${label} at W = ${widths.join(', ')}: ${reason}`, LINE),
  );
}

import type { TopLevelSpec } from 'vega-lite';
import type { ReportView } from './view/build.js';
import type { ChartPeer, ChartPoint, ChartReference } from './view/chart.js';

/**
 * The vega-lite specs of the HTML report, one per chart, from the view's chart data. Text from outside (strategy
 * and peer names) only ever goes into data values, never into field names or expressions, so it cannot change what
 * a spec does.
 */

export interface HtmlChart {
  /** Element id of the chart's container; fixed ASCII. */
  readonly id: string;
  readonly title: string;
  readonly spec: TopLevelSpec;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const WIDTH = 380;
const HEIGHT = 240;
const GREY = '#666666';

const W_AXIS = {
  field: 'concurrency',
  type: 'quantitative',
  title: 'concurrency W (log scale)',
  scale: { type: 'log' },
  axis: { tickCount: 6, format: '~s' },
} as const;

const COLOR = { field: 'strategy', type: 'nominal', title: 'strategy' } as const;

const tooltip = (...extra: { field: string; title: string; format?: string }[]) => [
  { field: 'strategy', title: 'strategy' },
  { field: 'concurrency', title: 'W' },
  ...extra,
];

/** Peers drawn as grey crosses with their name, on the same axes as the strategies' lines. */
function peerLayers(peers: readonly ChartPeer[], field: 'requestsPerSecond' | 'cpuUsPerRequest', title: string) {
  const values = peers.filter((peer) => peer[field] !== null);
  if (values.length === 0) return [];
  const encoding = { x: W_AXIS, y: { field, type: 'quantitative' } } as const;
  return [
    {
      data: { values },
      mark: { type: 'point', shape: 'cross', size: 90, color: GREY, filled: true },
      encoding: {
        ...encoding,
        tooltip: [
          { field: 'name', title: 'peer' },
          { field: 'concurrency', title: 'W' },
          { field, title, format: ',.1f' },
        ],
      },
    },
    {
      data: { values },
      mark: { type: 'text', align: 'left', dx: 8, color: GREY },
      encoding: { ...encoding, text: { field: 'name' } },
    },
  ];
}

/** A line per strategy of one measure against W, with its points hoverable (and the peers, where they have it). */
function lineSpec(
  view: ReportView,
  field: 'requestsPerSecond' | 'cpuUsPerRequest' | 'peakRssMiB' | 'startupMs',
  title: string,
  format: string,
): TopLevelSpec {
  const peers =
    field === 'requestsPerSecond' || field === 'cpuUsPerRequest' ? peerLayers(view.chartPeers, field, title) : [];
  return {
    $schema: SCHEMA,
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values: view.chart.filter((point) => point[field] !== null) },
        mark: { type: 'line', point: { size: 60, filled: true }, tooltip: true },
        encoding: {
          x: W_AXIS,
          y: { field, type: 'quantitative', title, scale: { zero: true } },
          color: COLOR,
          tooltip: tooltip({ field, title, format }),
        },
      },
      ...peers,
    ],
  } as TopLevelSpec;
}

function referenceLayer(
  references: readonly ChartReference[],
  field: 'latencyFloorMs' | 'capacityEstimateMs',
  dash: number[],
  title: string,
) {
  const values = references.filter((reference) => reference[field] !== null);
  if (values.length === 0) return [];
  return [
    {
      data: { values },
      mark: { type: 'line', color: GREY, strokeDash: dash, point: { color: GREY } },
      encoding: {
        x: W_AXIS,
        y: { field, type: 'quantitative' },
        tooltip: [
          { field: 'concurrency', title: 'W' },
          { field, title, format: '.3~f' },
        ],
      },
    },
  ];
}

function batchSpec(view: ReportView): TopLevelSpec {
  // A log axis has no place for 0 ms (only possible with a broken clock), so such a point is not drawn.
  const values = view.chart.filter((point) => point.batchMs > 0);
  return {
    $schema: SCHEMA,
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        data: { values },
        mark: { type: 'rule', strokeWidth: 1.5 },
        encoding: {
          x: W_AXIS,
          y: {
            field: 'batchLowMs',
            type: 'quantitative',
            title: 'mean batch time (ms, log scale)',
            scale: { type: 'log' },
          },
          y2: { field: 'batchHighMs' },
          color: COLOR,
        },
      },
      {
        data: { values },
        mark: { type: 'line', point: { size: 60, filled: true } },
        encoding: {
          x: W_AXIS,
          y: { field: 'batchMs', type: 'quantitative' },
          color: COLOR,
          tooltip: tooltip(
            { field: 'batchMs', title: 'batch time (ms)', format: ',.1f' },
            { field: 'rmePercent', title: '± rme (%)', format: '.1f' },
            { field: 'latencyFloorMs', title: 'latency floor (ms)', format: ',.1f' },
            { field: 'capacityEstimateMs', title: 'capacity estimate (ms)', format: ',.1f' },
            { field: 'speedup', title: 'speed-up over W = 1', format: '.2f' },
          ),
        },
      },
      ...referenceLayer(view.references, 'latencyFloorMs', [6, 4], 'latency floor (ms)'),
      ...referenceLayer(view.references, 'capacityEstimateMs', [2, 3], 'capacity estimate (ms)'),
    ],
  } as TopLevelSpec;
}

function latencySpec(points: readonly ChartPoint[]): TopLevelSpec {
  const values = points.flatMap((point) =>
    (['p50', 'p90', 'p99'] as const).map((percentile) => ({
      strategy: point.strategy,
      concurrency: point.concurrency,
      percentile,
      ms: point[`${percentile}Ms`],
    })),
  );
  return {
    $schema: SCHEMA,
    data: { values },
    facet: { column: { field: 'percentile', type: 'nominal', title: 'latency percentile' } },
    spec: {
      width: 200,
      height: 220,
      mark: { type: 'line', point: { size: 50, filled: true }, tooltip: true },
      encoding: {
        x: W_AXIS,
        y: { field: 'ms', type: 'quantitative', title: 'request latency (ms)' },
        color: COLOR,
        tooltip: [
          ...tooltip({ field: 'ms', title: 'latency (ms)', format: '.3~f' }),
          { field: 'percentile', title: 'percentile' },
        ],
      },
    },
  };
}

/** Every chart of the report, in page order. */
export function htmlCharts(view: ReportView): HtmlChart[] {
  return [
    {
      id: 'chart-batch',
      title: 'Batch time against W, with ± rme, the latency floor (dashed) and the capacity estimate (dotted)',
      spec: batchSpec(view),
    },
    {
      id: 'chart-rps',
      title: 'Throughput against W (peers: crosses)',
      spec: lineSpec(view, 'requestsPerSecond', 'requests per second (req/s)', ',.0f'),
    },
    {
      id: 'chart-cpu',
      title: 'CPU per request against W (peers: crosses)',
      spec: lineSpec(view, 'cpuUsPerRequest', 'CPU per request (µs)', ',.1f'),
    },
    { id: 'chart-rss', title: 'Peak RSS against W', spec: lineSpec(view, 'peakRssMiB', 'peak RSS (MiB)', ',.1f') },
    {
      id: 'chart-startup',
      title: 'Start-up against W (outside the timed region)',
      spec: lineSpec(view, 'startupMs', 'start-up (ms)', ',.2f'),
    },
    { id: 'chart-latency', title: 'Latency percentiles against W', spec: latencySpec(view.chart) },
  ];
}

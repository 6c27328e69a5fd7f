import type { TopLevelSpec } from 'vega-lite';
import type { HtmlPoint } from './html-data.js';

/**
 * The vega-lite specs of the HTML report, one per chart. Text from outside (strategy names) only ever goes into
 * data values, never into field names or expressions, so it cannot change what a spec does.
 */

export interface HtmlChart {
  /** Element id of the chart's container; fixed ASCII. */
  readonly id: string;
  readonly title: string;
  readonly spec: TopLevelSpec;
}

const WIDTH = 380;
const HEIGHT = 240;

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

/** A line per strategy of one measure against W, with its points hoverable. */
function lineSpec(points: readonly HtmlPoint[], field: keyof HtmlPoint, title: string, format: string): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: HEIGHT,
    data: { values: points.map((point) => ({ ...point, errors: undefined })) },
    mark: { type: 'line', point: { size: 60, filled: true }, tooltip: true },
    encoding: {
      x: W_AXIS,
      y: { field, type: 'quantitative', title, scale: { zero: true } },
      color: COLOR,
      tooltip: tooltip({ field, title, format }),
    },
  };
}

function batchSpec(points: readonly HtmlPoint[]): TopLevelSpec {
  // A log axis has no place for 0 ms (only possible with a broken clock), so such a point is not drawn.
  const values = points.filter((point) => point.batchMs > 0).map((point) => ({ ...point, errors: undefined }));
  const bound = points.filter((point) => point.idealMs !== null);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: WIDTH,
    height: HEIGHT,
    data: { values },
    encoding: { x: W_AXIS },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 1.5 },
        encoding: {
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
        mark: { type: 'line', point: { size: 60, filled: true } },
        encoding: {
          y: { field: 'batchMs', type: 'quantitative' },
          color: COLOR,
          tooltip: tooltip(
            { field: 'batchMs', title: 'batch time (ms)', format: ',.1f' },
            { field: 'rmePercent', title: '± rme (%)', format: '.1f' },
            { field: 'idealMs', title: 'bound (ms)', format: ',.1f' },
            { field: 'efficiency', title: 'efficiency', format: '.1%' },
            { field: 'speedup', title: 'speed-up over W = 1', format: '.2f' },
          ),
        },
      },
      ...(bound.length > 0
        ? [
            {
              data: { values: bound.map((point) => ({ concurrency: point.concurrency, idealMs: point.idealMs })) },
              transform: [{ aggregate: [{ op: 'max', field: 'idealMs', as: 'idealMs' }], groupby: ['concurrency'] }],
              mark: { type: 'line', color: '#666666', strokeDash: [6, 4], point: { color: '#666666' } },
              encoding: {
                y: { field: 'idealMs', type: 'quantitative' },
                tooltip: [
                  { field: 'concurrency', title: 'W' },
                  { field: 'idealMs', title: 'bound (ms)', format: '.3~f' },
                ],
              },
            } as const,
          ]
        : []),
    ],
  } as TopLevelSpec;
}

function latencySpec(points: readonly HtmlPoint[]): TopLevelSpec {
  const values = points.flatMap((point) =>
    (['p50', 'p90', 'p99'] as const).map((percentile) => ({
      strategy: point.strategy,
      concurrency: point.concurrency,
      percentile,
      ms: point[`${percentile}Ms`],
    })),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
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
export function htmlCharts(points: readonly HtmlPoint[]): HtmlChart[] {
  return [
    { id: 'chart-batch', title: 'Batch time against W, with ± rme and the bound (dashed)', spec: batchSpec(points) },
    {
      id: 'chart-rps',
      title: 'Throughput against W',
      spec: lineSpec(points, 'requestsPerSecond', 'requests per second (req/s)', ',.0f'),
    },
    { id: 'chart-rss', title: 'Peak RSS against W', spec: lineSpec(points, 'peakRssMiB', 'peak RSS (MiB)', ',.1f') },
    {
      id: 'chart-startup',
      title: 'Start-up against W (outside the timed region)',
      spec: lineSpec(points, 'startupMs', 'start-up (ms)', ',.2f'),
    },
    { id: 'chart-latency', title: 'Latency percentiles against W', spec: latencySpec(points) },
  ];
}

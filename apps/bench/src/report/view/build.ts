import { formatBytes, formatMs } from '../../format.js';
import { type CompletedRun, isSkipped, type Report } from '../../model/schema.js';
import { brokerLines } from './broker.js';
import {
  type ChartPeer,
  type ChartPoint,
  type ChartReference,
  chartPeers,
  chartPoints,
  chartReferences,
} from './chart.js';
import { FIGURE_COLUMNS, type FigureId } from './columns.js';
import { capacityLegend } from './legends.js';
import { type PeerSection, peerSections } from './peers.js';
import { type Row, rowsOf } from './rows.js';
import { environmentPairs, type Pair, settingsPairs } from './settings.js';
import type { Warning } from './warnings.js';

/** A column of the tables: the row's key (strategy, W) or a figure. */
export interface TableColumn {
  readonly id: 'strategy' | 'concurrency' | FigureId;
  readonly head: string;
  readonly align: 'left' | 'right';
  readonly essential: boolean;
  readonly dropOrder?: number;
  readonly legend?: string;
}

/**
 * The report as every renderer sees it, computed once from the stored report: rows with formatted and raw figures,
 * warnings per figure, the peers with their paired ratios, the references per W, and the words around them.
 * Renderers lay it out and escape it; none of them computes a figure.
 */
export interface ReportView {
  readonly title: string;
  readonly interrupted: boolean;
  readonly environment: readonly Pair[];
  readonly settings: readonly Pair[];
  /** One line on what a batch was ("200 jobs per batch · 5.00 ms added latency · 16.0 KiB bodies"). */
  readonly workload: string;
  /** Strategies in report order, and every W of the points, ascending. */
  readonly strategies: readonly string[];
  readonly widths: readonly number[];
  /** The tables' columns for this report, in order (columns that would be all "–" left out). */
  readonly columns: readonly TableColumn[];
  /** One per point, in report order, then one per peer. */
  readonly rows: readonly Row[];
  readonly warnings: readonly Warning[];
  /** Per strategy, its knee in words. */
  readonly knees: readonly string[];
  /** "thread-pool at W = 10: 2 threads × 5 in flight" for every point that names what ran. */
  readonly configurations: readonly string[];
  /** One sentence per broker point (the queue): its workers and where, Redis's cost per job, its overhead over async. */
  readonly brokers: readonly string[];
  readonly peers: readonly PeerSection[];
  /** What the capacity estimate is in this run (or that there is none). */
  readonly capacityLegend: string;
  readonly references: readonly ChartReference[];
  readonly chart: readonly ChartPoint[];
  readonly chartPeers: readonly ChartPeer[];
}

function kneeLine(report: Report, strategy: string): string {
  const completed = report.runs.filter((run): run is CompletedRun => run.strategy === strategy && !isSkipped(run));
  const knee = completed[0]?.knee;
  if (knee === undefined) return `${strategy}: no completed run, no knee`;
  // One point is no curve: nothing falls or flattens (sequential runs only at W = 1).
  if (completed.length === 1) return `${strategy}: one point only (W = ${completed[0]?.concurrency}), no curve`;
  if (knee === 'none') return `${strategy}: no knee within the grid (the batch time still falls at the last W)`;
  if (knee === 'unknown') return `${strategy}: knee unknown (a point has fewer than two batches)`;
  return `${strategy}: knee at W = ${knee}`;
}

function workloadLine(settings: Report['settings']): string {
  if (settings.workload === 'cpu')
    return `${settings.jobs} cpu jobs per batch · n from ${(settings.cpuBase ?? 0).toLocaleString('en-US')} · no I/O`;
  const hashing = settings.workload === 'mixed' ? ` · sha256 × ${settings.hashRounds ?? 0}` : '';
  return `${settings.jobs} jobs per batch · ${formatMs(settings.latencyMs)} added latency · ${formatBytes(settings.sizeBytes)} bodies${hashing}`;
}

function tableColumns(rows: readonly Row[]): TableColumn[] {
  const has = (id: FigureId) => rows.some((row) => row.state === 'measured' && row.cells[id].raw !== null);
  return [
    { id: 'strategy', head: 'strategy', align: 'left', essential: true },
    { id: 'concurrency', head: 'W', align: 'right', essential: true },
    ...FIGURE_COLUMNS.filter((column) => !('whenPresent' in column) || has(column.id)).map(
      ({ id, head, essential, ...rest }): TableColumn => ({
        id,
        head,
        align: 'align' in rest ? rest.align : 'right',
        essential,
        ...('dropOrder' in rest ? { dropOrder: rest.dropOrder } : {}),
        ...('legend' in rest ? { legend: rest.legend } : {}),
      }),
    ),
  ];
}

export function buildView(report: Report): ReportView {
  const rows = rowsOf(report);
  const strategies = [...new Set(report.runs.map((run) => run.strategy))];
  return {
    title: `fanout report: ${report.settings.profile}, ${report.finishedAt}`,
    interrupted: report.interrupted,
    environment: environmentPairs(report),
    settings: settingsPairs(report),
    workload: workloadLine(report.settings),
    strategies,
    widths: [...new Set(report.runs.map((run) => run.concurrency))].sort((a, b) => a - b),
    columns: tableColumns(rows),
    rows,
    warnings: rows.flatMap((row) => (row.state === 'measured' ? row.warnings : [])),
    knees: strategies.map((strategy) => kneeLine(report, strategy)),
    configurations: rows.flatMap((row) =>
      row.kind === 'point' && row.state === 'measured' && row.configuration
        ? [`${row.label} at W = ${row.concurrency}: ${row.configuration}`]
        : [],
    ),
    brokers: brokerLines(report),
    peers: peerSections(report),
    capacityLegend: capacityLegend(report.calibration, report.settings),
    references: chartReferences(report),
    chart: chartPoints(report),
    chartPeers: chartPeers(report),
  };
}

const views = new WeakMap<Report, ReportView>();

/** The view of `report`, built once per report object however many renderers read it. */
export function viewOf(report: Report): ReportView {
  const cached = views.get(report);
  if (cached) return cached;
  const view = buildView(report);
  views.set(report, view);
  return view;
}

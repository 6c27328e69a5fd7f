import { formatMs } from '../format.js';
import { type Block, cell, type DocRow } from './document.js';
import type { ReportView } from './view/build.js';
import {
  BATCH_PIVOT_LEGEND,
  BROKER_LEGEND,
  EFFICIENCY_LEGEND,
  FLOOR_LEGEND,
  INTERRUPTED_BANNER,
  OVER_BASELINE_LEGEND,
  PEERS_LEGEND,
} from './view/legends.js';
import { type Pivot, pivot } from './view/pivot.js';
import { cellOf } from './view/rows.js';

/** The sections of report.md and report.html, in page order. */

function pivotTable(id: string, table: Pivot): Block {
  return {
    kind: 'table',
    id,
    head: table.head,
    align: table.head.map(() => 'right'),
    rows: table.rows.map((row) => ({ cells: row.map(({ text, warn }) => cell(text, warn ? 'warn' : undefined)) })),
  };
}

function pairsTable(id: string, pairs: readonly (readonly [string, string])[]): Block {
  return {
    kind: 'table',
    id,
    head: ['', ''],
    align: ['left', 'left'],
    rows: pairs.map((pair) => ({ cells: pair.map((text) => cell(text)) })),
  };
}

/** Every row of the table (points, then peers), every column: the terminal's --wide table, as a page table. */
function detailTable(view: ReportView): Block {
  const rows = view.rows.map((row): DocRow => {
    const cells = view.columns.map((column) => cellOf(row, column.id));
    if (row.state === 'measured')
      return { cells: cells.map((figure) => cell(figure?.text ?? '–', figure?.warn ? 'warn' : undefined)) };
    // Its key (strategy, W, jobs), then its note over the rest.
    const end = cells.findIndex((figure) => figure === undefined);
    const key = end < 0 ? cells : cells.slice(0, end);
    return { cells: key.map((figure) => cell(figure?.text ?? '')), rest: cell(row.note, 'muted') };
  });
  return {
    kind: 'table',
    id: 'table-runs',
    head: view.columns.map((column) => column.head),
    align: view.columns.map((column) => column.align),
    rows,
  };
}

function peerBlocks(view: ReportView): Block[] {
  if (view.peers.length === 0) return [];
  const head = [
    '',
    'name',
    'req/s (median batch)',
    '× undici-pool',
    '× best load generator',
    'CPU/req',
    'CPU × undici-pool',
    'what ran',
  ];
  return [
    { kind: 'heading', level: 2, text: 'Beside trusted peers' },
    { kind: 'paragraph', text: PEERS_LEGEND },
    ...view.peers.flatMap((section): Block[] => [
      { kind: 'heading', level: 3, text: `W = ${section.concurrency}` },
      {
        kind: 'table',
        id: `table-peers-${section.concurrency}`,
        head,
        align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left'],
        rows: [
          ...section.rows.map((row) => ({
            cells: [
              row.kind,
              row.name,
              row.rate,
              row.overCeiling,
              row.overBestGenerator,
              row.cpuPerRequest,
              row.cpuOverCeiling,
              row.what,
            ].map((text) => cell(text)),
          })),
          ...section.skipped.map((peer) => ({
            cells: [cell('peer'), cell(peer.name)],
            rest: cell(`skipped: ${peer.reason}`, 'muted'),
          })),
        ],
      },
    ]),
  ];
}

function references(view: ReportView, w: number): string {
  const at = view.references.find((reference) => reference.concurrency === w);
  const ms = (value: number | null | undefined) => (value === null || value === undefined ? '–' : formatMs(value));
  return at ? `${ms(at.latencyFloorMs)} / ${ms(at.capacityEstimateMs)}` : '–';
}

export function reportSections(view: ReportView): Block[] {
  const overBaseline = view.columns.some((column) => column.id === 'overBaseline');
  const legends = view.columns.flatMap((column) => (column.legend ? [column.legend] : []));
  return [
    ...(view.interrupted ? [{ kind: 'paragraph', text: INTERRUPTED_BANNER, tone: 'warn' } as const] : []),
    ...(view.warnings.length > 0
      ? [
          { kind: 'heading', level: 2, text: 'Warnings' } as const,
          {
            kind: 'list',
            id: 'list-warnings',
            items: view.warnings.map((warning) => `⚠ ${warning.text}`),
            tone: 'warn',
          } as const,
        ]
      : []),
    { kind: 'heading', level: 2, text: 'Environment' },
    pairsTable('table-environment', view.environment),
    { kind: 'heading', level: 2, text: 'Settings' },
    pairsTable('table-settings', view.settings),
    { kind: 'charts' },
    { kind: 'heading', level: 2, text: 'Batch time by concurrency' },
    { kind: 'paragraph', text: BATCH_PIVOT_LEGEND },
    pivotTable('table-batch', pivot(view, ['batch'], { withReason: true, knee: true })),
    { kind: 'list', id: 'list-knees', items: view.knees },
    { kind: 'heading', level: 2, text: 'Efficiency' },
    { kind: 'paragraph', text: FLOOR_LEGEND },
    { kind: 'paragraph', text: view.capacityLegend },
    { kind: 'paragraph', text: EFFICIENCY_LEGEND },
    pivotTable(
      'table-efficiency',
      pivot(view, ['effLatency', 'effCapacity'], {
        extra: { head: 'latency floor / capacity estimate', at: (w) => references(view, w) },
      }),
    ),
    { kind: 'heading', level: 2, text: 'Speed-up over W = 1' },
    pivotTable('table-speedup', pivot(view, ['speedup'])),
    ...(overBaseline
      ? [
          { kind: 'heading', level: 2, text: 'Speed over sequential' } as const,
          { kind: 'paragraph', text: OVER_BASELINE_LEGEND } as const,
          pivotTable('table-over-sequential', pivot(view, ['overBaseline'])),
        ]
      : []),
    { kind: 'heading', level: 2, text: 'Runs in detail' },
    detailTable(view),
    { kind: 'list', id: 'list-legends', items: legends },
    ...(view.configurations.length > 0
      ? [
          { kind: 'heading', level: 2, text: 'Configurations' } as const,
          { kind: 'list', id: 'list-configurations', items: view.configurations } as const,
        ]
      : []),
    ...(view.brokers.length > 0
      ? [
          { kind: 'heading', level: 2, text: 'Broker' } as const,
          { kind: 'paragraph', text: BROKER_LEGEND } as const,
          { kind: 'list', id: 'list-broker', items: view.brokers } as const,
        ]
      : []),
    ...peerBlocks(view),
  ];
}

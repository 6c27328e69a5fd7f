import { formatBytes, formatCount, formatEfficiency, formatMs, formatRme } from '../format.js';
import { type CompletedRun, isInterrupted, isSkipped, type Report, type RunRecord } from '../model/schema.js';
import { escapeMarkdown as esc } from './escape.js';
import { peerRatioLines } from './peer-ratios.js';
import { describeRounds, describeWorkload, networkRows } from './settings-text.js';
import { describeUnmeasured } from './unmeasured.js';

/** Marks the knee cell in the batch-time table. */
export const KNEE_MARKER = ' ◆';

type Cell = (run: CompletedRun, knee: boolean) => string;

function pointKey(strategy: string, concurrency: number): string {
  return `${strategy}@${concurrency}`;
}

/** report.md: the environment, the settings, the sweep as the Python post showed it, then every run in detail. */
export function renderMarkdown(report: Report): string {
  const { environment: env, settings } = report;
  const lines = [
    '# fanout report',
    '',
    report.interrupted
      ? '**Interrupted**: the point that was running is listed with the jobs it completed, without a batch time.\n'
      : '',
    '## Environment',
    '',
    table(
      ['', ''],
      [
        ['Node', esc(env.node)],
        ['Platform', esc(`${env.platform} ${env.arch} (${env.osRelease})`)],
        ['CPUs', `${env.cpus} × ${esc(env.cpuModel)}`],
        ['Memory', formatBytes(env.totalMemoryBytes)],
        ['Started', esc(env.startedAt)],
        ['Finished', esc(report.finishedAt)],
      ],
    ),
    '',
    '## Settings',
    '',
    table(
      ['', ''],
      [
        ['Profile', esc(settings.profile)],
        ['Workload', esc(describeWorkload(settings))],
        ['Jobs per batch', String(settings.jobs)],
        ...networkRows(settings).map(([name, value]) => [name, esc(value)]),
        ['Timed batches per point', batchesText(settings.batches)],
        ...(settings.repeat ? [['Rounds', esc(describeRounds(settings.repeat))]] : []),
        ['Target', esc(report.target)],
      ],
    ),
    '',
    '## Batch time by concurrency',
    '',
    'Mean batch time ± relative margin of error (95%), one row per concurrency W, one column per strategy.',
    `${KNEE_MARKER.trim()} marks each strategy's knee: the smallest W whose next grid point gains no more than the two margins of error; n/a = fewer than two batches, spread unknown.`,
    '',
    sweepTable(
      report.runs,
      (run, knee) => `${formatMs(run.meanBatchMs)} ${formatRme(run.rme)}${knee ? KNEE_MARKER : ''}`,
      {
        withReason: true,
      },
    ),
    '',
    ...kneeLines(report.runs),
    '',
    '## Efficiency',
    '',
    boundsText(report),
    '',
    sweepTable(
      report.runs,
      (run) =>
        `${formatEfficiency(run.efficiency?.latency)} / ${formatEfficiency(run.efficiency?.capacity)}${run.calibrationWarning ? ' ⚠' : ''}`,
      { ideal: (w) => floorsAt(report.runs, w) },
    ),
    '',
    ...warningLines(report.runs),
    '',
    '## Speed-up over W = 1',
    '',
    sweepTable(report.runs, (run) => (run.speedup === undefined ? '–' : `${run.speedup.toFixed(2)}×`)),
    '',
    ...overBaselineLines(report.runs),
    '## Runs in detail',
    '',
    detailTable(report.runs),
    '',
    ...configurationLines(report.runs),
    ...peerRatioLines(report),
  ];
  return lines.filter((line, i) => line !== '' || lines[i - 1] !== '').join('\n');
}

interface SweepTableOptions {
  /** A `floors` column after W. */
  ideal?: (w: number) => string;
  /** Skip reasons are given once, in the batch-time table; the derived tables only say the point is missing. */
  withReason?: boolean;
}

/** One row per W, one column per strategy. */
function sweepTable(runs: readonly RunRecord[], cell: Cell, options: SweepTableOptions = {}): string {
  const { ideal, withReason = false } = options;
  const strategies = [...new Set(runs.map((run) => run.strategy))];
  const byKey = new Map(runs.map((run) => [pointKey(run.strategy, run.concurrency), run]));
  const widths = [...new Set(runs.map((run) => run.concurrency))].sort((a, b) => a - b);
  const head = ['W', ...(ideal ? ['latency / capacity floor'] : []), ...strategies.map(esc)];
  const rows = widths.map((w) => [
    String(w),
    ...(ideal ? [ideal(w)] : []),
    ...strategies.map((strategy) => {
      const run = byKey.get(pointKey(strategy, w));
      if (!run) return '–';
      if (isSkipped(run)) {
        if (withReason) return esc(describeUnmeasured(run));
        return isInterrupted(run) ? 'interrupted' : 'skipped';
      }
      return cell(run, run.knee === w);
    }),
  ]);
  return table(head, rows, 'r'.repeat(head.length));
}

/** Each point against the sequential baseline, when it ran: the figure the cpu workload is about. */
function overBaselineLines(runs: readonly RunRecord[]): string[] {
  if (!runs.some((run) => !isSkipped(run) && run.overBaseline !== undefined)) return [];
  return [
    '## Speed over sequential',
    '',
    'Sequential batch time ÷ batch time: how many times faster than one job at a time. CPU / batch in the detail table shows what each point paid for it.',
    '',
    sweepTable(runs, (run) => (run.overBaseline === undefined ? '–' : `${run.overBaseline.toFixed(2)}×`)),
    '',
  ];
}

function kneeLines(runs: readonly RunRecord[]): string[] {
  const strategies = [...new Set(runs.map((run) => run.strategy))];
  return strategies.map((strategy) => {
    const completed = runs.filter((run): run is CompletedRun => run.strategy === strategy && !isSkipped(run));
    const knee = completed[0]?.knee;
    if (knee === undefined) return `- ${esc(strategy)}: no completed run, no knee`;
    // One point is no curve: nothing falls or flattens (sequential runs only at W = 1).
    if (completed.length === 1)
      return `- ${esc(strategy)}: one point only (W = ${completed[0]?.concurrency}), no curve`;
    if (knee === 'none')
      return `- ${esc(strategy)}: no knee within the grid (the batch time still falls at the last W)`;
    if (knee === 'unknown') return `- ${esc(strategy)}: knee unknown (a point has fewer than two batches)`;
    return `- ${esc(strategy)}: knee at W = ${knee}`;
  });
}

/** What exactly ran at each point, where the strategy names a configuration (pools: threads × in flight, chunks). */
function configurationLines(runs: readonly RunRecord[]): string[] {
  const named = runs.filter((run) => !isSkipped(run) && run.configuration !== undefined);
  if (named.length === 0) return [];
  const lines = named.map(
    (run) =>
      `- ${esc(run.strategy)} at W = ${run.concurrency}: ${esc(isSkipped(run) ? '' : (run.configuration ?? ''))}`,
  );
  return ['## Configurations', '', ...lines, ''];
}

function detailTable(runs: readonly RunRecord[]): string {
  const head = 'strategy|W|ok|failed|req/s|p50|p99|peak RSS|CPU / batch|start-up|failures'.split('|');
  const rows = runs.map((run) => {
    const key = [esc(run.strategy), String(run.concurrency)];
    if (isSkipped(run)) return [...key, ...Array<string>(head.length - 3).fill('–'), esc(describeUnmeasured(run))];
    const failures = Object.entries(run.worstBatch.errors)
      .map(([code, n]) => `${esc(code)} ${n}`)
      .join(', ');
    return [
      ...key,
      String(run.worstBatch.succeeded),
      String(run.worstBatch.failed),
      formatCount(run.requestsPerSecond),
      formatMs(run.latencyMs.p50),
      formatMs(run.latencyMs.p99),
      formatBytes(run.peakRssBytes),
      formatMs(run.cpuMsPerBatch),
      formatMs(run.startupMs),
      failures || '–',
    ];
  });
  return table(head, rows, `l${'r'.repeat(head.length - 2)}l`);
}

/** A GFM table. Cells must be escaped already; `align` has an `l` or `r` per column (left by default). */
function table(head: readonly string[], rows: readonly (readonly string[])[], align = ''): string {
  const rule = head.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  return [head, rule, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

/** The stored floors at W (every point at W has the same jobs, so the same floors). */
function floorsAt(runs: readonly RunRecord[], w: number): string {
  const run = runs.find((run): run is CompletedRun => run.concurrency === w && !isSkipped(run) && !!run.bounds);
  const floor = (ms: number | null | undefined) => (ms === null || ms === undefined ? '–' : formatMs(ms));
  return run?.bounds ? `${floor(run.bounds.latencyFloorMs)} / ${floor(run.bounds.capacityFloorMs)}` : '–';
}

function warningLines(runs: readonly RunRecord[]): string[] {
  return runs.flatMap((run) =>
    isSkipped(run)
      ? []
      : [...(run.calibrationWarning ? [run.calibrationWarning] : []), ...(run.measurementWarnings ?? [])].map(
          (text) => `- ⚠ ${esc(run.strategy)} at W = ${run.concurrency}: ${esc(text)}`,
        ),
  );
}

function boundsText(report: Report): string {
  const c = report.calibration;
  const capacity = c
    ? `capacity floor = jobs ÷ ${Math.round(c.capacityRps.median)} req/s (median of ${c.rounds} calibration rounds at ${c.connections} connections, ${Math.round(c.capacityRps.min)}–${Math.round(c.capacityRps.max)} req/s, measured before the points in ${formatMs(c.durationMs)})`
    : 'no capacity floor (the target was not calibrated)';
  return `Latency floor = the fewest ms the job list's latencies can take on W lanes (longest job, the work ÷ W, and the pigeonhole bound over the longest jobs). ${capacity}. Efficiency = floor ÷ batch time, latency / capacity; never above 100%: a point faster than a floor is marked ⚠.`;
}

function batchesText(plan: Report['settings']['batches']): string {
  if (plan.min === plan.max) return `${plan.min}, after an untimed warm-up`;
  return `as many as fit in ${formatMs(plan.budgetMs)} of ideal batch time, between ${plan.min} and ${plan.max} (slow points get fewer), after one untimed warm-up`;
}

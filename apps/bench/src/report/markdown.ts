import { formatBytes, formatCount, formatMs, formatPercent } from '../format.js';
import { escapeMarkdown as esc } from './escape.js';
import { type CompletedRun, isInterrupted, isSkipped, type Report, type RunRecord } from '../model/schema.js';
import {
  effectiveCapacity,
  idealBatchMs,
  KNEE_TOLERANCE,
  type PointAnalysis,
  pointKey,
  type SweepAnalysis,
  sweepOf,
} from './sweep.js';
import { describeUnmeasured } from './unmeasured.js';

/** Marks the knee cell in the batch-time table. */
export const KNEE_MARKER = ' ◆';

type Cell = (run: CompletedRun, point: PointAnalysis | undefined, knee: boolean) => string;

/** report.md: the environment, the settings, the sweep as the Python post showed it, then every run in detail. */
export function renderMarkdown(report: Report): string {
  const { environment: env, settings } = report;
  const sweep = sweepOf(report);
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
        ['Jobs per batch', String(settings.jobs)],
        ['Added latency per request', formatMs(settings.latencyMs)],
        ['Response size', formatBytes(settings.sizeBytes)],
        ['Timed batches per point', batchesText(settings.batches)],
        ['Target', esc(report.target)],
      ],
    ),
    '',
    '## Batch time by concurrency',
    '',
    'Mean batch time ± relative margin of error (95%), one row per concurrency W, one column per strategy.',
    `${KNEE_MARKER.trim()} marks each strategy's knee: the smallest W within ${KNEE_TOLERANCE * 100}% of its best time.`,
    '',
    sweepTable(
      report.runs,
      sweep,
      (run, _point, knee) => `${formatMs(run.wallMs)} ±${run.rme.toFixed(1)}%${knee ? KNEE_MARKER : ''}`,
      { withReason: true },
    ),
    '',
    ...kneeLines(report.runs, sweep),
    '',
    '## Efficiency',
    '',
    idealText(report),
    '',
    sweepTable(
      report.runs,
      sweep,
      (_run, point) => (point && point.idealMs > 0 ? formatPercent(point.efficiency * 100) : '–'),
      {
        ideal: (w) =>
          formatIdeal(
            idealBatchMs(settings.jobs, w, settings.latencyMs, effectiveCapacity(report.runs, report.capacityRps)),
          ),
      },
    ),
    '',
    '## Speed-up over W = 1',
    '',
    sweepTable(report.runs, sweep, (_run, point) =>
      point?.speedup === undefined ? '–' : `${point.speedup.toFixed(2)}×`,
    ),
    '',
    '## Runs in detail',
    '',
    detailTable(report.runs),
    '',
    ...configurationLines(report.runs),
  ];
  return lines.filter((line, i) => line !== '' || lines[i - 1] !== '').join('\n');
}

interface SweepTableOptions {
  /** An `ideal` column after W. */
  ideal?: (w: number) => string;
  /** Skip reasons are given once, in the batch-time table; the derived tables only say the point is missing. */
  withReason?: boolean;
}

/** One row per W, one column per strategy. */
function sweepTable(
  runs: readonly RunRecord[],
  sweep: SweepAnalysis,
  cell: Cell,
  options: SweepTableOptions = {},
): string {
  const { ideal, withReason = false } = options;
  const strategies = [...new Set(runs.map((run) => run.strategy))];
  const byKey = new Map(runs.map((run) => [pointKey(run.strategy, run.concurrency), run]));
  const widths = [...new Set(runs.map((run) => run.concurrency))].sort((a, b) => a - b);
  const head = ['W', ...(ideal ? ['ideal'] : []), ...strategies.map(esc)];
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
      return cell(run, sweep.perRun.get(pointKey(strategy, w)), sweep.knees.get(strategy) === w);
    }),
  ]);
  return table(head, rows, 'r'.repeat(head.length));
}

function kneeLines(runs: readonly RunRecord[], sweep: SweepAnalysis): string[] {
  const strategies = [...new Set(runs.map((run) => run.strategy))];
  return strategies.map((strategy) => {
    const knee = sweep.knees.get(strategy);
    const best = runs
      .filter((run): run is CompletedRun => run.strategy === strategy && !isSkipped(run))
      .reduce<CompletedRun | undefined>((min, run) => (min && min.wallMs <= run.wallMs ? min : run), undefined);
    return knee === undefined || !best
      ? `- ${esc(strategy)}: no completed run, no knee`
      : `- ${esc(strategy)}: knee at W = ${knee} (best ${formatMs(best.wallMs)} at W = ${best.concurrency})`;
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
    const failures = Object.entries(run.errors)
      .map(([code, n]) => `${esc(code)} ${n}`)
      .join(', ');
    return [
      ...key,
      String(run.succeeded),
      String(run.failed),
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

function formatIdeal(ms: number): string {
  return ms > 0 ? formatMs(ms) : '–';
}

function idealText(report: Report): string {
  const { latencyMs } = report.settings;
  const capacity = effectiveCapacity(report.runs, report.capacityRps);
  const parts = [
    latencyMs > 0 ? `ceil(jobs ÷ W) × ${formatMs(latencyMs)} (every request waits at least the added latency)` : '',
    capacity
      ? `jobs ÷ ${Math.round(capacity)} req/s (the target's capacity: the larger of a probe before the run and the best req/s of any point)`
      : '',
  ].filter(Boolean);
  if (parts.length === 0)
    return 'No added latency and no measured capacity, so there is no lower bound: ideal and efficiency are shown as –.';
  return `Ideal = the larger of ${parts.join(' and ')}. Efficiency = ideal ÷ batch time.`;
}

function batchesText(plan: Report['settings']['batches']): string {
  if (plan.min === plan.max) return `${plan.min}, after an untimed warm-up`;
  return `as many as fit in ${formatMs(plan.budgetMs)} of ideal batch time, between ${plan.min} and ${plan.max} (slow points get fewer), after one untimed warm-up`;
}

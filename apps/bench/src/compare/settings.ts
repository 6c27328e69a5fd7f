import type { Report } from '../model/schema.js';

type Value = string | number | boolean | undefined;

/**
 * The settings that change the numbers, read from each report. Never a port,
 * a host name, a timestamp or an output path: two runs of the same profile on
 * the same machine compare without a difference.
 */
function numbersDependOn(report: Report, strategies: readonly string[]): [string, Value][] {
  const { settings, environment } = report;
  return [
    ['pages (path, size, latency)', pagesOf(report)],
    ['external URLs', externalUrls(report.target)],
    ['jobs', settings.jobs],
    ['concurrency', settings.concurrency.join(', ')],
    ['workload', workloadOf(settings)],
    ['faults', settings.faults ?? 'none'],
    ['retries', settings.retries],
    ['max redirects', settings.maxRedirects],
    ['timeout ms', settings.timeoutMs],
    ['node', environment.node],
    ['point node flags', (settings.pointNodeFlags ?? []).join(' ') || 'none'],
    ['cpus', environment.cpus],
    ['cpu model', environment.cpuModel],
    ...strategyVersions(report, strategies),
    ['interrupted', report.interrupted],
  ];
}

/** Settings that differ between the reports, as "name: A value in A, B value in B". */
export function settingDifferences(a: Report, b: Report): string[] {
  // Versions matter for the strategies both ran; the others are listed as unmatched points.
  const both = a.settings.strategies.filter((name) => b.settings.strategies.includes(name));
  const inA = new Map(numbersDependOn(a, both));
  const inB = new Map(numbersDependOn(b, both));
  return [...inA.keys()]
    .filter((name) => inA.get(name) !== inB.get(name))
    .map((name) => `${name}: ${show(inA.get(name))} in A, ${show(inB.get(name))} in B`);
}

function pagesOf(report: Report): string {
  return report.settings.pages.map((page) => `${page.path} ${page.sizeBytes} B ${page.latencyMs} ms`).join('; ');
}

/** The URL list of an external target (it decides the numbers); the embedded server's port does not. */
function externalUrls(target: string): string {
  return target.startsWith('external:') ? target.slice('external:'.length).trim() : 'none (embedded server)';
}

function workloadOf(settings: Report['settings']): string {
  const workload = (settings as { workload?: unknown }).workload;
  return typeof workload === 'string' ? workload : 'download';
}

function strategyVersions(report: Report, strategies: readonly string[]): [string, Value][] {
  const versions = report.settings.strategyVersions ?? {};
  return strategies.map((name) => [`${name} version`, versions[name] ?? 'unknown']);
}

function show(value: Value): string {
  return value === undefined ? 'absent' : String(value);
}

import { formatBytes, formatMs } from '../../format.js';
import type { Report } from '../../model/schema.js';
import { calibrationText, describeRounds } from './legends.js';

/** A label and its value, plain text. */
export type Pair = readonly [label: string, value: string];

type Settings = Report['settings'];

/** What one job did, in words, with its settings. */
export function describeWorkload(settings: Settings): string {
  const grouped = (n: number) => n.toLocaleString('en-US');
  switch (settings.workload ?? 'download') {
    case 'cpu': {
      const base = settings.cpuBase ?? 0;
      return `cpu: Σ i² for i = 0 … n − 1 (mod 2^32), n = ${grouped(base)} + job index (up to ${grouped(base + settings.jobs - 1)}), every value checked; no I/O`;
    }
    case 'mixed':
      return settings.pageChecks
        ? `mixed: download, then ${settings.hashRounds ?? 0} chained sha256 rounds over the body, ${checked(settings.pageChecks, 'digest')}`
        : `mixed: download, then sha256 over the body ${settings.hashRounds ?? 0} times, digests checked for their shape only`;
    default:
      return `download: GET and read the body to the end${settings.pageChecks ? `, ${checked(settings.pageChecks, 'bytes')}` : ''}`;
  }
}

/** How many pages' results were checked against the harness's own fetch (run/reference.ts), in words. */
function checked(pages: NonNullable<Settings['pageChecks']>, what: 'digest' | 'bytes'): string {
  const noun = what === 'digest' ? 'digest and byte count' : 'byte count';
  const known = pages.filter((page) => page[what] !== undefined).length;
  if (known === pages.length) return `every ${noun} checked against the harness's own fetch of the page`;
  return `${noun}s checked for ${known} of ${pages.length} pages (the others: ${pages.find((page) => page[what] === undefined)?.unchecked ?? 'unknown'})`;
}

function batchesText(plan: Settings['batches']): string {
  if (plan.min === plan.max) return `${plan.min}, after an untimed warm-up`;
  return `as many as fit in ${formatMs(plan.budgetMs)} of batch time, between ${plan.min} and ${plan.max} (slow points get fewer), after an untimed warm-up`;
}

/** The machine that ran the report. */
export function environmentPairs(report: Report): Pair[] {
  const env = report.environment;
  return [
    ['Node', env.node],
    ['Platform', `${env.platform} ${env.arch} (${env.osRelease})`],
    ['CPUs', `${env.cpus} × ${env.cpuModel}`],
    ['Memory', formatBytes(env.totalMemoryBytes)],
    ['Host', env.hostname],
    ['Started', env.startedAt],
    ['Finished', report.finishedAt],
  ];
}

/** How it ran: every setting that changes the numbers, and the target with its calibration. */
export function settingsPairs(report: Report): Pair[] {
  const { settings } = report;
  const noIo = settings.workload === 'cpu' ? '– (no I/O)' : undefined;
  return [
    ['Profile', settings.profile],
    ['Strategies', settings.strategies.join(', ')],
    ['Concurrency W', settings.concurrency.join(', ')],
    ['Workload', describeWorkload(settings)],
    ['Jobs per batch', String(settings.jobs)],
    ['Added latency per request', noIo ?? formatMs(settings.latencyMs)],
    ['Response size', noIo ?? formatBytes(settings.sizeBytes)],
    ['Timed batches per point', batchesText(settings.batches)],
    ...(settings.repeat ? [['Rounds', describeRounds(settings.repeat)] as const] : []),
    ['Protocol', protocolText(settings)],
    ...(settings.rttMs !== undefined ? [['Network', networkText(settings)] as const] : []),
    ['Timeout per request', formatMs(settings.timeoutMs)],
    ['Retries', String(settings.retries)],
    ...(settings.faults ? [['Faults', settings.faults] as const] : []),
    ...(settings.peers?.length ? [['Peers', settings.peers.join(', ')] as const] : []),
    ['Capacity estimate', calibrationText(report.calibration, settings)],
    ['Target', report.target],
  ];
}

/** What the clients spoke, as asked; which protocol each point used is in its row (the proto column). */
function protocolText(settings: Settings): string {
  const scheme = settings.tls
    ? `HTTPS${settings.http2 ? ', HTTP/2 offered by ALPN (HTTP/1.1 still offered)' : ', HTTP/1.1'}`
    : 'HTTP/1.1';
  const ca = settings.caFile ? `, extra CA from ${settings.caFile}` : '';
  return `${scheme}${settings.compress ? `, ${settings.compress} bodies decoded by every client` : ''}${ca}`;
}

function networkText(settings: Settings): string {
  const rate =
    settings.bandwidthMbit === undefined ? '' : `, each connection paced to ${settings.bandwidthMbit} Mbit/s`;
  return `a relay in its own process adds a ${formatMs(settings.rttMs ?? 0)} round trip (RTT/2 each way; a new connection pays its TCP handshake)${rate}`;
}

import { formatBytes, formatMs } from '../format.js';
import type { Report } from '../model/schema.js';

type Settings = Report['settings'];

/** What one job did, in words, with its settings: the same text in every rendering. Not escaped. */
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

/** --repeat in words: how the rounds ran and which one each figure comes from. Not escaped. */
export function describeRounds(repeat: number): string {
  return `${repeat}, interleaved (every point and peer once per round, even rounds peers first); each figure is from its median round`;
}

/** The network settings' rows, or "none" for a workload that makes no request. Not escaped. */
export function networkRows(settings: Settings): [string, string][] {
  const none = settings.workload === 'cpu' ? '– (no I/O)' : undefined;
  return [
    ['Added latency per request', none ?? formatMs(settings.latencyMs)],
    ['Response size', none ?? formatBytes(settings.sizeBytes)],
  ];
}

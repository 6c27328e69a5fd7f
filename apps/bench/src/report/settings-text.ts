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
      return `mixed: download, then sha256 over the body ${settings.hashRounds ?? 0} times, every digest checked`;
    default:
      return 'download: GET and read the body to the end';
  }
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

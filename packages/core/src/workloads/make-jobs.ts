import type { Job } from '../contract.js';
import { cycleAt } from '../cycle.js';

export const WORKLOAD_NAMES = ['download', 'cpu', 'mixed'] as const;
export type WorkloadName = (typeof WORKLOAD_NAMES)[number];

export interface WorkloadSettings {
  readonly workload: WorkloadName;
  /** cpu: job i sums the squares of 0 … cpuBase + i − 1 (the post: 5,000,000 + i). */
  readonly cpuBase: number;
  /** mixed: sha256 rounds over each body. */
  readonly hashRounds: number;
}

/** `count` jobs of one workload; download and mixed jobs cycle through `urls` (the post's list of pages). */
export function makeJobs(settings: WorkloadSettings, urls: readonly string[], count: number): Job[] {
  const url = (id: number) => cycleAt(urls, id);
  switch (settings.workload) {
    case 'download':
      return Array.from({ length: count }, (_, id) => ({ id, url: url(id) }));
    case 'cpu':
      return Array.from({ length: count }, (_, id) => ({ id, kind: 'cpu' as const, n: settings.cpuBase + id }));
    case 'mixed':
      return Array.from({ length: count }, (_, id) => ({
        id,
        kind: 'mixed' as const,
        url: url(id),
        hashRounds: settings.hashRounds,
      }));
  }
}

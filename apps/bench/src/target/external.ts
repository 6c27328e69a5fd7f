import { cycleJobs, type Target } from './target.js';

/** URLs given with --url: no server counters, nothing to start or stop. */
export function externalTarget(urls: readonly string[]): Target {
  return {
    description: `external: ${urls.join(', ')}`,
    // Calibrated within the polite limits of the run (see commands/run.ts), or not at all.
    calibrationUrls: (count) => cycleJobs(urls, count).map((job) => job.url),
    controlUrl: undefined,
    jobs: (count) => cycleJobs(urls, count),
    stats: async () => undefined,
    resetStats: async () => undefined,
    close: async () => undefined,
  };
}

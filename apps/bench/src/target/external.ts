import { cycleJobs, type Target } from './target.js';

/** URLs given with --url: no server counters, nothing to start or stop. */
export function externalTarget(urls: readonly string[]): Target {
  return {
    description: `external: ${urls.join(', ')}`,
    // Never probed: someone else's server is not ours to load-test for a bound.
    capacityRps: undefined,
    controlUrl: undefined,
    jobs: (count) => cycleJobs(urls, count),
    stats: async () => undefined,
    resetStats: async () => undefined,
    close: async () => undefined,
  };
}

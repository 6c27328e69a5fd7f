import type { Target } from './target.js';

/** URLs given with --url: no server counters, nothing to start or stop; `ca` from --ca. */
export function externalTarget(urls: readonly string[], ca?: string): Target {
  return {
    description: `external: ${urls.join(', ')}`,
    urls,
    // Calibrated within the polite limits of the run (see session/calibrate.ts), or not at all.
    calibrationUrls: urls,
    controlUrl: undefined,
    ca,
    stats: async () => undefined,
    resetStats: async () => undefined,
    close: async () => undefined,
  };
}

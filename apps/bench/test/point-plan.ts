import { fileURLToPath } from 'node:url';

/** The point's child must be plain JavaScript: the built entry, as the CLI runs it. */
export const CHILD_ENTRY = fileURLToPath(new URL('../dist/run/point-child.js', import.meta.url));

/**
 * A point's plan for the strategy module `<name>.mjs` in `dir` (exporting `strategy`): `jobs` download jobs to a
 * closed port (the test strategies never fetch), W = 1, one timed batch.
 */
export function pointPlan(name: string, dir: string, jobs: number) {
  return {
    manifest: { name, description: name, entry: `${name}.mjs`, packageName: name, version: '0.0.0', dir },
    concurrency: 1,
    jobs: Array.from({ length: jobs }, (_, id) => ({ id, url: 'http://127.0.0.1:9/' })),
    timeoutMs: 100,
    maxBodyBytes: 1000,
    maxRedirects: 0,
    retries: 0,
    iterations: 1,
    timeMs: 0,
  };
}

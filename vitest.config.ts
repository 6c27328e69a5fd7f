import { defineConfig } from 'vitest/config';
import { LongestFirstSequencer } from './vitest.sequencer.js';

// `pnpm test` builds through turbo's task graph, then runs every package's vitest project (vitest.shared.ts) in this
// one process rather than `turbo run test`: one worker pool schedules all test files on the 2 cores (a vitest per
// package would start nine pools fighting for them), and a test result is never replayed from turbo's cache (the
// bench tests run every workspace strategy, which the bench package does not declare, and tools such as Chromium
// and wrk, and CI runs the same suite on three Node versions, which turbo's hash does not see). turbo.json's `test`
// task, uncached, still runs one package's tests with its dependencies built.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
    // Most test files wait on sockets, timers and child processes rather than the CPU: on a 2-core machine the
    // default (cores − 1 = one worker) would run them one after another.
    maxWorkers: 4,
    // The longest files first across all projects, not project by project (vitest.sequencer.ts).
    sequence: { sequencer: LongestFirstSequencer },
  },
});

import { defineConfig } from 'vitest/config';

// One `pnpm test` runs every package's vitest project; each package still runs alone.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
    // Most test files wait on sockets, timers and child processes rather than the CPU: on a 2-core machine the
    // default (cores − 1 = one worker) would run them one after another.
    maxWorkers: 4,
  },
});

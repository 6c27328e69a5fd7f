import { defineProject } from 'vitest/config';

// The 10k/100k-job load tests (`*.load.test.ts`) take minutes on two cores, so `pnpm test` leaves them out and
// `pnpm test:load` (FANOUT_LOAD_TESTS=1) runs only them. One place decides which files a project runs.
const LOAD = 'test/**/*.load.test.ts';

function testFiles(): { include: string[]; exclude: string[] } {
  return process.env.FANOUT_LOAD_TESTS === '1'
    ? { include: [LOAD], exclude: [] }
    : { include: ['test/**/*.test.ts'], exclude: [LOAD] };
}

/**
 * The one vitest configuration every package shares (and `fanout new` scaffolds): which files run, and the
 * timeout of tests that wait on real sockets and child processes. A package's vitest.config.ts is this one call,
 * so `pnpm --filter <package> test` runs it alone and the root vitest.config.ts runs them all as projects.
 */
export function packageProject({ name }: { readonly name: string }) {
  return defineProject({
    test: {
      name,
      ...testFiles(),
      testTimeout: 60_000,
      // Test files share a worker process (and the modules it loaded) instead of a new process each: 113 files
      // spent ~24 s of CPU starting theirs. Every file closes what it opens and restores what it changes (env,
      // timers, listeners), which this relies on.
      isolate: false,
    },
  });
}

// The 10k/100k-job load tests (`*.load.test.ts`) take minutes on two cores, so `pnpm test` leaves them out and
// `pnpm test:load` (FANOUT_LOAD_TESTS=1) runs only them. One place decides which files a project runs.
const LOAD = 'test/**/*.load.test.ts';

export function testFiles(): { include: string[]; exclude: string[] } {
  return process.env.FANOUT_LOAD_TESTS === '1'
    ? { include: [LOAD], exclude: [] }
    : { include: ['test/**/*.test.ts'], exclude: [LOAD] };
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WatchedPhase } from '../src/run/deadline.js';
import { forkPoint } from '../src/run/fork-point.js';
import { MAX_TIMER_MS } from '../src/run/watchdog.js';
import { tempDir } from './cli-helper.js';
import { CHILD_ENTRY, pointPlan } from './point-plan.js';

const JOBS = 8;

/**
 * A strategy module whose jobs take `stepMs` each, one at a time, reporting each (or not); `stallAfter` jobs into
 * its life it stops for good and ignores its abort signal. `block` spends each job computing on the point's own
 * thread (as sequential does on the cpu workload), so no timer of that process fires during a batch.
 */
function strategyModule(options: { reports: boolean; stepMs: number; stallAfter?: number; block?: boolean }): string {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'steps.mjs'),
    `const wait = (ms) => ${options.block ? 'new Promise((resolve) => { const end = performance.now() + ms; while (performance.now() < end); resolve(); })' : 'new Promise((resolve) => setTimeout(resolve, ms))'};
let done = 0;
export const strategy = {
  contractVersion: 1,
  name: 'steps',
  async create() {
    return {
      reportsProgress: ${options.reports},
      async run(jobs, signal, options) {
        const results = [];
        for (const job of jobs) {
          if (done++ === ${options.stallAfter ?? -1}) await new Promise(() => {});
          const startMs = Date.now();
          await wait(${options.stepMs});
          results.push({ ok: true, id: job.id, status: 200, bytes: 0, startMs, endMs: Date.now(), attempts: 1 });
          options?.onProgress?.(1);
        }
        return results;
      },
      close: async () => {},
    };
  },
};
`,
  );
  return dir;
}

/** Start-up gets long enough to load the module; every later phase gets `ms` of silence. */
const allow = (ms: number) => (phase: WatchedPhase) => (phase === 'start-up' ? 30_000 : ms);

let warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(warning.name);
beforeEach(() => {
  warnings = [];
  process.on('warning', onWarning);
});
afterEach(() => {
  process.off('warning', onWarning);
});

describe('a point judged by its progress, not by its length', () => {
  it('runs batches far longer than its allowance while each job reports, and is killed soon after it stops', async () => {
    // 8 jobs of 150 ms: 1.2 s a batch against 1 s of allowed silence (the point passes reports on every 0.5 s).
    const steady = await forkPoint({
      plan: pointPlan('steps', strategyModule({ reports: true, stepMs: 150 }), JOBS),
      silenceAllowedMs: allow(1000),
      signal: new AbortController().signal,
      entry: CHILD_ENTRY,
    });
    expect(steady).toMatchObject({ strategy: 'steps', samples: 1, totals: { succeeded: JOBS, failed: 0 } });
    // The same strategy stalling in its second whole warm-up batch.
    const stalled = await forkPoint({
      plan: pointPlan('steps', strategyModule({ reports: true, stepMs: 150, stallAfter: JOBS + 5 }), JOBS),
      silenceAllowedMs: allow(1000),
      signal: new AbortController().signal,
      entry: CHILD_ENTRY,
    });
    expect(stalled).toEqual({
      strategy: 'steps',
      concurrency: 1,
      jobs: JOBS,
      skipped: 'timed out: no job finished in its warm-up for 1.00 s; its processes were killed',
    });
  });

  it("hears a strategy that computes on the point's own thread: its reports leave while timers cannot fire", async () => {
    const run = await forkPoint({
      plan: pointPlan('steps', strategyModule({ reports: true, stepMs: 150, block: true }), JOBS),
      silenceAllowedMs: allow(1000),
      signal: new AbortController().signal,
      entry: CHILD_ENTRY,
    });
    expect(run).toMatchObject({ strategy: 'steps', samples: 1, totals: { succeeded: JOBS, failed: 0 } });
  });

  it('waits past a timer’s range without overflowing it (the old bound fired after 1 ms)', async () => {
    // A strategy that reports nothing is allowed a batch at its worst: here beyond 2^31 − 1 ms.
    const run = await forkPoint({
      plan: pointPlan('steps', strategyModule({ reports: false, stepMs: 20 }), JOBS),
      silenceAllowedMs: allow(MAX_TIMER_MS + 1000),
      signal: new AbortController().signal,
      entry: CHILD_ENTRY,
    });
    expect(run).toMatchObject({ strategy: 'steps', samples: 1, totals: { succeeded: JOBS, failed: 0 } });
    expect(warnings).not.toContain('TimeoutOverflowWarning');
  });
});

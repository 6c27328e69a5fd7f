import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { jobWorstMs, silenceAllowedMs } from '../src/run/deadline.js';
import { forkPoint } from '../src/run/fork-point.js';
import { MAX_TIMER_MS } from '../src/run/watchdog.js';
import { tempDir } from './cli-helper.js';
import { CHILD_ENTRY, pointPlan } from './point-plan.js';

/** Alive and not a zombie (a killed grandchild may wait for a reaper that a container does not have). */
function isAlive(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (existsSync('/proc/self/stat')) return existsSync(stat) && !/^\d+ \(.*\) Z/.test(readFileSync(stat, 'utf8'));
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('a point that goes silent for longer than its phase allows', () => {
  it('is listed as timed out, and every process it started is killed', async () => {
    const dir = tempDir();
    const pidFile = join(dir, 'grandchild.pid');
    // A strategy that starts a process of its own, then never answers and ignores its abort signal.
    writeFileSync(
      join(dir, 'hang.mjs'),
      `import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
export const strategy = {
  contractVersion: 1,
  name: 'hang',
  async create() {
    const sleeper = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    writeFileSync(${JSON.stringify(pidFile)}, String(sleeper.pid));
    return { run: () => new Promise(() => {}), close: async () => {} };
  },
};
`,
    );
    const plan = pointPlan('hang', dir, 1);
    const run = await forkPoint({
      plan,
      // Start-up gets long enough to load and create; the warm-up, where it hangs, 1.5 s.
      silenceAllowedMs: (phase) => (phase === 'start-up' ? 30_000 : 1500),
      signal: new AbortController().signal,
      entry: CHILD_ENTRY,
    });
    expect(run).toEqual({
      strategy: 'hang',
      concurrency: 1,
      jobs: 1,
      skipped: 'timed out: no job finished in its warm-up for 1.50 s; its processes were killed',
    });
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await vi.waitFor(() => expect(isAlive(grandchild)).toBe(false));
  });

  it('is allowed one job at its worst (retries, backoff) twice over when it reports each job, a batch when not', () => {
    const input = { concurrency: 10, jobs: 200, timeoutMs: 1000, retries: 2 };
    // One job: 3 attempts of 1 s plus backoffs of at most 50 and 100 ms.
    expect(jobWorstMs(input)).toBe(3150);
    const check = 10_000 + 0.05 * 200;
    expect(silenceAllowedMs(input, 'timed', true)).toBe(2 * (3150 + 1000 + 500) + check);
    expect(silenceAllowedMs(input, 'warm-up', true)).toBe(2 * (3150 + 1000 + 500) + check + 30_000);
    // Without reports the quantum is a whole batch: 20 rounds of W jobs.
    expect(silenceAllowedMs(input, 'timed', false)).toBe(2 * 20 * 3150 + check);
    expect(silenceAllowedMs(input, 'start-up', true)).toBe(2 * (30_000 + 500 * 10) + 60_000);
    expect(silenceAllowedMs(input, 'closing', true)).toBe(60_000 + 500 * 10);
    // A mixed job's hashing: 64 MiB × 10 rounds at 100 kB/ms.
    expect(jobWorstMs({ ...input, hashedBytes: 64 * 2 ** 20 * 10 })).toBeCloseTo(3150 + 6710.8864, 6);
  });

  it("does not grow with the point's length when the strategy reports progress (issue 17's 200,000 jobs)", () => {
    const long = { concurrency: 4, jobs: 200_000, timeoutMs: 30_000, retries: 0 };
    // 2 × (30 s + 1.5 s) + 10 s + 10 s to check 200,000 results: 83 s, where every job at its worst is 17 days.
    expect(silenceAllowedMs(long, 'timed', true)).toBe(83_000);
    // Without reports a batch is the quantum: past a timer's range, so the watchdog must chain its timers.
    expect(silenceAllowedMs(long, 'timed', false)).toBeGreaterThan(MAX_TIMER_MS);
  });
});

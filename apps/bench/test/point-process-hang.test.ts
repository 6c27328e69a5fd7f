import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { pointDeadlineMs } from '../src/run/deadline.js';
import { forkPoint } from '../src/run/fork-point.js';
import { tempDir } from './cli-helper.js';

// The child must be plain JavaScript: the built entry, as the CLI runs it.
const CHILD_ENTRY = fileURLToPath(new URL('../dist/run/point-child.js', import.meta.url));

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

describe('a point that hangs past its deadline', () => {
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
    const plan = {
      manifest: { name: 'hang', description: 'hangs', entry: 'hang.mjs', packageName: 'hang', version: '0.0.0', dir },
      concurrency: 1,
      jobs: [{ id: 0, url: 'http://127.0.0.1:9/' }],
      timeoutMs: 100,
      maxBodyBytes: 1000,
      maxRedirects: 0,
      retries: 0,
      iterations: 1,
      timeMs: 0,
    };
    const run = await forkPoint({ plan, deadlineMs: 3000, signal: new AbortController().signal, entry: CHILD_ENTRY });
    expect(run).toEqual({
      strategy: 'hang',
      concurrency: 1,
      jobs: 1,
      skipped: 'timed out: no result within 3.00 s; its processes were killed',
    });
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    await vi.waitFor(() => expect(isAlive(grandchild)).toBe(false));
  });

  it('gets a deadline that lets every job reach its own timeout, with retries and backoff, twice over', () => {
    const input = { concurrency: 10, jobs: 200, iterations: 5, timeMs: 0, timeoutMs: 1000, retries: 2 };
    // One job: 3 attempts of 1 s plus backoffs of at most 50 and 100 ms; 20 rounds of it per batch; 5 + 4 batches (two warm-up slices, two whole
    // warm-up batches and one over budget).
    const batchMs = 20 * (3 * 1000 + 150);
    expect(pointDeadlineMs(input)).toBe(2 * (30_000 + 500 * 10 + 1000 + 9 * batchMs) + 60_000);
  });
});

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureServer } from '@fanout/fixture-server';
import { describe, expect, it, vi } from 'vitest';
import { isInterrupted, reportSchema } from '../src/model/schema.js';
import { runCli, startCli, tempDir } from './cli-helper.js';

/** OS threads of a process (Linux /proc), 0 when it cannot be read. */
function osThreads(pid: number | undefined): number {
  try {
    return Number(/^Threads:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** The most OS threads any child of `pid` has (each point runs in a child process of the CLI). */
function childThreads(pid: number | undefined): number {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    return Math.max(0, ...children.map((child) => osThreads(Number(child))));
  } catch {
    return 0;
  }
}

describe('fanout run, end to end on the embedded fixture server', () => {
  it('runs every point once per round with --repeat, keeping its median round and every round time', async () => {
    const cwd = tempDir();
    const args = ['run', '--strategies', 'async', '--concurrency', '2', '--jobs', '10', '--iterations', '2'];
    const result = await runCli([...args, '--repeat', '3', '--calibration', 'off', '--out', 'out'], cwd);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('round 3 of 3');
    const report = reportSchema.parse(JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')));
    expect(report.settings.repeat).toBe(3);
    expect(report.runs).toHaveLength(1);
    const [run] = report.runs;
    if (!run || 'skipped' in run) throw new Error('async should have run');
    // Every round by index, each with what pairing by round needs; the record is the median round.
    expect(run.rounds).toHaveLength(3);
    const sorted = (run.rounds ?? []).map((round) => round?.meanBatchMs ?? Number.NaN).sort((a, b) => a - b);
    expect(run.meanBatchMs).toBe(sorted[1]);
    expect(run.rounds?.every((round) => round?.cpuMsPerBatch !== undefined && round.medianBatchMs !== undefined)).toBe(
      true,
    );
    expect(run.cpuUsPerRequest).toBeCloseTo((run.cpuMsPerBatch * 1000) / 10);
    // Each timed batch of the median round: its window holds tinybench's own timing of it, its CPU adds up to the
    // point's, and its collecting is part of its time.
    const batches = run.timedBatches ?? [];
    expect(batches).toHaveLength(run.samples);
    expect(Math.min(...batches.map((batch) => batch.ms))).toBeGreaterThanOrEqual(run.minMs);
    expect(Math.max(...batches.map((batch) => batch.ms))).toBeGreaterThanOrEqual(run.maxMs);
    const cpuMs = batches.reduce((sum, batch) => sum + batch.cpuMs, 0);
    expect(cpuMs / batches.length).toBeCloseTo(run.cpuMsPerBatch, 6);
    for (const batch of batches) expect(batch.gcMs).toBeLessThanOrEqual(batch.ms);
    const markdown = readFileSync(join(cwd, 'out', 'report.md'), 'utf8');
    expect(markdown).toContain('| Rounds | 3, interleaved');
    // --calibration off: no calibration, and every rendering says it was turned off rather than that it failed.
    expect(result.stderr).toContain('calibration: off (--calibration off), so there is no capacity estimate\n');
    expect(report.calibration).toBeUndefined();
    expect(report.settings.calibration).toBe('off');
    expect(run.capacityEstimateMs).toBeNull();
    expect(markdown).toContain('| Capacity estimate | none: the calibration was turned off with --calibration off |');
    expect(markdown).toContain('Capacity estimate: none (the calibration was turned off with --calibration off).');
  });

  it('reports failed jobs per error code and exits 1 only with --fail-on-error', async () => {
    const cwd = tempDir();
    const args = [
      'run',
      '--strategies',
      'async',
      '--concurrency',
      '2',
      '--jobs',
      '6',
      '--iterations',
      '1',
      '--calibration',
      'off',
      '--out',
      'out',
    ];
    // Bodies over --max-body fail with BODY_TOO_LARGE: failures without any fault server.
    const lenient = await runCli([...args, '--size', '2000', '--max-body', '1000'], cwd);
    expect(lenient.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')));
    expect(report.runs[0]).toMatchObject({ worstBatch: { succeeded: 0, failed: 6, errors: { BODY_TOO_LARGE: 6 } } });
    const strict = await runCli([...args, '--size', '2000', '--max-body', '1000', '--fail-on-error'], cwd);
    expect(strict.code).toBe(1);
  });

  it('stops on Ctrl-C with exit 130, keeping the finished points and the interrupted one with what it completed', async () => {
    const cwd = tempDir();
    // Its own fixture server, so the test can see requests being answered: each takes 200 ms.
    const server = await startFixtureServer({ latencyMs: 200, sizeBytes: 1000 });
    try {
      // W = 4 finishes in about 3 s; W = 1 then spends 3.2 s on its warm-up and 1.6 s on each of 3 batches.
      const url = `${server.url}/page`;
      const args = ['run', '--url', url, '--strategies', 'async', '--concurrency', '4,1', '--jobs', '8'];
      const { child, done } = startCli([...args, '--iterations', '3', '--calibration', 'off', '--out', 'out'], cwd);
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      await vi.waitFor(() => expect(stderr).toMatch(/\[1\/2\] async W=4: .*8\/8 ok/), { timeout: 30_000 });
      // W = 1 warms up on two whole batches of its 8 jobs (1.6 s each; the batch is no larger than a warm-up slice),
      // so 19 requests after W = 4 finished (a request counts when it arrives) means at least 2 timed jobs answered (more if W = 1 had already begun
      // when this count was read).
      const before = server.stats().requests;
      await vi.waitFor(() => expect(server.stats().requests).toBeGreaterThanOrEqual(before + 19), { timeout: 30_000 });
      child.kill('SIGINT');
      const result = await done;
      expect(result.code).toBe(130);
      const report = reportSchema.parse(JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')));
      expect(report.interrupted).toBe(true);
      expect(report.runs).toHaveLength(2);
      expect(report.runs[0]).toMatchObject({
        strategy: 'async',
        concurrency: 4,
        worstBatch: { succeeded: 8, failed: 0 },
        samples: 3,
      });
      const cut = report.runs[1];
      if (!cut || !isInterrupted(cut)) throw new Error(`not an interrupted point: ${JSON.stringify(cut)}`);
      expect(cut).toMatchObject({ strategy: 'async', concurrency: 1, jobs: 8, failed: 0, errors: {} });
      expect(cut.completedJobs).toBeGreaterThanOrEqual(2);
      expect(cut.completedJobs).toBeLessThan(8 * 3);
      expect(cut.succeeded).toBe(cut.completedJobs);
      expect(cut.completedBatches).toBe(Math.floor(cut.completedJobs / 8));
      expect(cut.latencyMs.p50).toBeGreaterThanOrEqual(199);
      expect(cut.skipped).toBe(`interrupted after ${cut.completedJobs} of 24 timed jobs`);
      expect(cut).not.toHaveProperty('meanBatchMs');
      expect(result.stdout).toMatch(/async +│ +1 │ +8 │ interrupted after \d+ of 24 timed jobs: \d+ ok, 0 failed/);
      expect(readFileSync(join(cwd, 'out', 'report.md'), 'utf8')).toContain(cut.skipped);
      expect(readdirSync(join(cwd, 'out')).sort()).toEqual(['report.html', 'report.json', 'report.md', 'sweep.svg']);
    } finally {
      await server.close();
    }
  });

  it('quits at once on a second Ctrl-C, without waiting to write the report', async () => {
    const cwd = tempDir();
    // Starting 32 worker threads takes seconds and cannot be cut short: a graceful stop would wait for it.
    const { child, done, stderr } = startCli(
      ['run', '--strategies', 'thread-pool', '--concurrency', '32', '--calibration', 'off', '--out', 'out'],
      cwd,
    );
    // Interrupt while the pool is starting: the point's process already holds some of its 32 worker threads.
    await vi.waitFor(() => expect(childThreads(child.pid)).toBeGreaterThanOrEqual(20), {
      timeout: 30_000,
      interval: 20,
    });
    child.kill('SIGINT');
    await vi.waitFor(() => expect(stderr()).toMatch(/interrupted: finishing up/), { timeout: 10_000, interval: 20 });
    child.kill('SIGINT');
    const result = await done;
    // No clock here (the machine may be loaded): a graceful stop would wait for the pool and then write the
    // report, so an exit with 130 and no report.json is what "at once" means.
    expect(result.code).toBe(130);
    expect(result.stderr).toMatch(/interrupted: finishing up/);
    expect(existsSync(join(cwd, 'out', 'report.json'))).toBe(false);
  });

  it('runs against a fault mix: every job accounted for, per-code counts adding up', async () => {
    const cwd = tempDir();
    const mix = 'reset-before-headers:0.1,hang:0.05,truncated:0.1,malformed:0.05,redirect-loop:0.05';
    const result = await runCli(
      [
        'run',
        '--strategies',
        'async,thread-pool',
        '--concurrency',
        '8',
        '--jobs',
        '120',
        '--faults',
        mix,
        '--timeout',
        '800',
        '--iterations',
        '2',
        '--calibration',
        'off',
        '--out',
        'out',
      ],
      cwd,
    );
    expect(result.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')));
    expect(report.settings.faults).toBe(mix);
    for (const run of report.runs) {
      if ('skipped' in run) throw new Error(`unexpected skip: ${run.skipped}`);
      const worst = run.worstBatch;
      expect(worst.succeeded + worst.failed).toBe(120);
      expect(Object.values(worst.errors).reduce((sum, n) => sum + n, 0)).toBe(worst.failed);
      expect(worst.failed).toBeGreaterThan(0);
      expect(
        Object.keys(worst.errors).every((code) =>
          ['CONNECTION_RESET', 'TIMEOUT', 'TRUNCATED', 'PROTOCOL', 'REDIRECT_LOOP'].includes(code),
        ),
      ).toBe(true);
      expect(run.totals.succeeded + run.totals.failed).toBe(120 * run.totals.batches);
    }
  });
});

import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { redisServerMissing } from '@fanout/queue/redis-server';
import { describe, expect, it, vi } from 'vitest';
import { runCli, startCli, tempDir } from './cli-helper.js';
import { cleanEnv, completed, readReport, SHOWN_PASSWORD, startCliWorker, useRedisServer } from './queue-workers.js';

const noRedis = redisServerMissing();

/** Whether something still listens on the loopback port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('fanout run with the queue strategy', () => {
  it('skips the queue points without redis-server, naming the Debian package; the rest of the run is unchanged', async () => {
    const cwd = tempDir();
    const args = ['run', '--strategies', 'async,queue', '--concurrency', '2', '--jobs', '10', '--iterations', '1'];
    const env = cleanEnv({ FANOUT_REDIS_SERVER: join(cwd, 'no-such-redis-server') });
    const result = await runCli([...args, '--calibration', 'off', '--out', 'out'], cwd, env);
    expect(result.code).toBe(0);
    const report = readReport(join(cwd, 'out'));
    expect(report.runs.find((run) => run.strategy === 'queue')).toMatchObject({
      skipped: expect.stringMatching(/redis-server is not on PATH \(Debian: apt-get install redis-server\)/),
    });
    expect(completed(report, 'async', 2).worstBatch).toMatchObject({ succeeded: 10, failed: 0 });
  });

  it.skipIf(noRedis)(
    `async and queue at two W on an embedded redis-server: every job accounted, the broker's figures in every rendering${noRedis ? ` (skipped: ${noRedis})` : ''}`,
    async () => {
      const cwd = tempDir();
      const args = ['run', '--strategies', 'async,queue', '--concurrency', '2,8', '--jobs', '40', '--latency', '2'];
      const result = await runCli(
        [...args, '--iterations', '2', '--calibration', 'off', '--out', 'out'],
        cwd,
        cleanEnv(),
      );
      expect(result.stderr).not.toMatch(/internal error/);
      expect(result.code).toBe(0);
      const report = readReport(join(cwd, 'out'));
      for (const strategy of ['async', 'queue']) {
        for (const w of [2, 8]) {
          const run = completed(report, strategy, w);
          expect(run.worstBatch).toMatchObject({ succeeded: 40, failed: 0, errors: {} });
          expect(run.totals).toMatchObject({ batches: 2, succeeded: 80, failed: 0 });
          // The fixture server saw each timed job once: none lost, none run twice.
          expect(run.server?.requests).toBe(80);
        }
      }
      const queue = completed(report, 'queue', 8);
      expect(queue.configuration).toMatch(/^\d local workers? × [\d/]+ in flight; BullMQ on Redis 7/);
      expect(queue.broker).toMatchObject({ mode: 'local', workersRan: { remote: 0 }, duplicatesDropped: 0 });
      expect(queue.broker?.lanes.reduce((sum, lanes) => sum + lanes, 0)).toBe(8);
      expect(queue.broker?.commandsPerJob).toBeGreaterThan(5);
      expect(queue.broker?.overAsync?.wallUsPerJob).toBeCloseTo(
        ((queue.meanBatchMs - completed(report, 'async', 8).meanBatchMs) * 1000) / 40,
      );
      expect(completed(report, 'async', 8).broker).toBeUndefined();
      // The table (a pipe: every column), report.md and report.html.
      expect(result.stdout).toMatch(/│ workers +│ Redis cmd\/job │ +over async │/);
      expect(result.stdout).toMatch(/queue +│ +8 │.*│ \d local × [\d/]+ +│ +\d+\.\d │ +[+−][\d.]+ [µm]s\/job │/);
      const markdown = readFileSync(join(cwd, 'out', 'report.md'), 'utf8');
      expect(markdown).toContain('## Broker');
      expect(markdown).toMatch(
        /- queue at W = 8: \d local workers? × [\d/]+ in flight .*Redis commands\/job.*over async/,
      );
      expect(readFileSync(join(cwd, 'out', 'report.html'), 'utf8')).toMatch(
        /<ul id="list-broker"><li>queue at W = 2: /,
      );
      // The run's Redis: named by host and port only, and gone with the run.
      const port = Number(/redis-server for this run on 127\.0\.0\.1:(\d+)/.exec(result.stderr)?.[1]);
      expect(port).toBeGreaterThan(0);
      expect(await listening(port)).toBe(false);
      for (const text of [
        result.stdout,
        result.stderr,
        markdown,
        readFileSync(join(cwd, 'out', 'report.json'), 'utf8'),
      ])
        expect(text).not.toMatch(SHOWN_PASSWORD);
    },
    120_000,
  );

  it.skipIf(noRedis)(
    `Ctrl-C in a queue point: exit 130, the point kept as interrupted, the run's redis-server stopped${noRedis ? ` (skipped: ${noRedis})` : ''}`,
    async () => {
      const cwd = tempDir();
      // Batches of about 2 s: the interrupt lands in the point (starting or running), whatever the machine's speed.
      const args = ['run', '--strategies', 'queue', '--concurrency', '2', '--jobs', '400', '--latency', '10'];
      // No calibration (5 s of both cores for nothing asserted here); its line still comes after the run's
      // redis-server has started, and before the point.
      const run = startCli([...args, '--calibration', 'off', '--out', 'out'], cwd, cleanEnv());
      await vi.waitFor(
        () => {
          // Past the calibration step: the queue point is starting its workers or running.
          if (!/calibration: off/.test(run.stderr())) throw new Error('not measuring yet');
        },
        { timeout: 60_000, interval: 50 },
      );
      const port = Number(/redis-server for this run on 127\.0\.0\.1:(\d+)/.exec(run.stderr())?.[1]);
      expect(await listening(port)).toBe(true);
      run.child.kill('SIGINT');
      const result = await run.done;
      expect(result.code).toBe(130);
      const report = readReport(join(cwd, 'out'));
      expect(report.interrupted).toBe(true);
      expect(report.runs).toEqual([expect.objectContaining({ strategy: 'queue', interrupted: true })]);
      expect(await listening(port)).toBe(false);
    },
    120_000,
  );

  describe.skipIf(noRedis)(`on workers started by hand${noRedis ? ` (skipped: ${noRedis})` : ''}`, () => {
    const redisServer = useRedisServer();

    it('--local-workers 0 runs on two fanout worker processes, every job accounted, and says so', async () => {
      const redis = redisServer();
      const workers = [
        await startCliWorker(redis.url, ['--concurrency', '4']),
        await startCliWorker(redis.url, ['--concurrency', '4']),
      ];
      try {
        const cwd = tempDir();
        const args = ['run', '--strategies', 'queue', '--local-workers', '0', '--concurrency', '8', '--jobs', '40'];
        const env = cleanEnv({ FANOUT_REDIS_URL: redis.url });
        const result = await runCli(
          [...args, '--latency', '2', '--iterations', '2', '--calibration', 'off', '--out', 'out'],
          cwd,
          env,
        );
        expect(result.code).toBe(0);
        expect(result.stderr).toContain(
          `queue: Redis at redis://***@127.0.0.1:${redis.port}; its points run on workers`,
        );
        const run = completed(readReport(join(cwd, 'out')), 'queue', 8);
        expect(run.worstBatch).toMatchObject({ succeeded: 40, failed: 0 });
        expect(run.totals).toMatchObject({ succeeded: 80, failed: 0 });
        expect(run.server?.requests).toBe(80);
        expect(run.broker).toMatchObject({ mode: 'remote', lanes: [4, 4], workersRan: { local: 0 } });
        expect(run.configuration).toMatch(
          /^2 remote workers × 4, at most 8 in flight .*their CPU and memory not counted/,
        );
        const markdown = readFileSync(join(cwd, 'out', 'report.md'), 'utf8');
        expect(markdown).toMatch(
          /queue at W = 8: 2 remote workers × 4 in flight \(fanout worker; remote workers' CPU and memory not counted\)/,
        );
        expect(result.stdout).toMatch(/2 remote × 4, not counted/);
      } finally {
        for (const worker of workers) worker.child.kill('SIGINT');
      }
      // Ctrl-C stops a worker cleanly: exit 0, and nothing it printed shows the password.
      for (const worker of workers) {
        expect(await worker.exited).toBe(0);
        expect(worker.stderr()).toMatch(/joined point .*\n.*stopping \(SIGINT\)/);
        expect(worker.stderr()).not.toMatch(SHOWN_PASSWORD);
      }
    }, 120_000);
  });
});

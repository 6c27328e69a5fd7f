import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../src/model/schema.js';
import { runCli, tempDir } from './cli-helper.js';

// Every strategy of the quick profile at two W with the calibration: the longest CLI run of the fast suite (about
// 30 s alone on 2 cores), in a file of its own so the other end-to-end tests run beside it.
describe('fanout run, end to end on the embedded fixture server: every strategy', { timeout: 180_000 }, () => {
  it('runs every strategy, accounts for every job and writes a valid report', async () => {
    const cwd = tempDir();
    const result = await runCli(
      [
        'run',
        '--concurrency',
        '1,3',
        '--jobs',
        '24',
        '--latency',
        '5',
        '--size',
        '3000',
        '--iterations',
        '2',
        '--out',
        'out',
        '--json',
        'r.json',
      ],
      cwd,
    );
    expect(result.stderr).not.toMatch(/internal error|Warning/);
    expect(result.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')));
    expect(readFileSync(join(cwd, 'r.json'), 'utf8')).toBe(readFileSync(join(cwd, 'out', 'report.json'), 'utf8'));
    expect(report.interrupted).toBe(false);
    // The one fast test of a run as users start it, calibration included (the others turn it off): an estimate
    // from measured rounds, said on stderr, and every point's batch at that rate.
    expect(report.settings.calibration).toBeUndefined();
    expect(report.calibration?.capacityRps.max).toBeGreaterThan(0);
    expect(report.calibration?.rounds).toBe(8);
    expect(result.stderr).toMatch(/^calibration: \d+ req\/s, the best of 8 rounds at \d+ connections/m);
    expect(report.settings.strategies).toEqual(expect.arrayContaining(['async', 'sequential', 'thread-pool']));
    // The quick profile leaves the queue out: `pnpm bench` never needs Redis.
    expect(report.settings.strategies).not.toContain('queue');
    for (const run of report.runs) {
      if ('skipped' in run) {
        // Only what cannot run here: sequential above W = 1.
        expect(run).toMatchObject({ strategy: 'sequential', concurrency: 3 });
        continue;
      }
      expect(run).toMatchObject({ jobs: 24, worstBatch: { succeeded: 24, failed: 0, bytes: 24 * 3000, errors: {} } });
      expect(run.samples).toBeGreaterThanOrEqual(2);
      expect(run.totals).toMatchObject({ batches: run.samples, succeeded: 24 * run.samples, failed: 0 });
      expect(run.server).toMatchObject({
        requests: 24 * run.samples,
        maxInFlight: run.concurrency,
        http2Streams: 0,
        protocol: 'http/1.1',
      });
      // The control routes' own connections are not counted: one job at a time needs one connection.
      if (run.concurrency === 1) expect(run.server?.connections).toBe(1);
      else expect(run.server?.connections).toBeGreaterThanOrEqual(1);
      expect(run.totals).toMatchObject({ bytes: 24 * 3000 * run.samples, wireBytes: 24 * 3000 * run.samples });
      expect(run.latencyMs.p50).toBeGreaterThanOrEqual(4);
      expect(run.latencyMs.p50).toBeLessThanOrEqual(run.latencyMs.p99);
      expect(run.capacityEstimateMs).toBeGreaterThan(0);
    }
    expect(report.runs).toHaveLength(report.settings.strategies.length * 2);
    // Pools name what ran: the hybrid at W = 3 on this machine's cores.
    const hybrid = report.runs.find((run) => run.strategy === 'thread-pool-hybrid' && run.concurrency === 3);
    expect(hybrid && 'configuration' in hybrid ? hybrid.configuration : undefined).toMatch(
      /^\d+ threads? × [\d/]+ in flight/,
    );
    // The table: a header and a row per point.
    expect(result.stdout).toMatch(/strategy .*W .*jobs .*ok .*failed .*batch time/);
    expect(result.stdout).toMatch(/sequential .* skipped \[\d+\]/);
    expect(result.stdout).toMatch(/\[\d+\] skipped: sequential runs at most 1 job/);
  });
});

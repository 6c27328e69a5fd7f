import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFixtureServer } from '@fanout/fixture-server';
import { describe, expect, it, vi } from 'vitest';
import { isInterrupted, reportSchema } from '../src/model/schema.js';
import { startCli, tempDir } from './cli-helper.js';

describe('a point far longer than any timer (issue 17: 200,000 jobs at W = 4, 20 ms each)', () => {
  it('runs instead of being judged hung at once, and Ctrl-C keeps what it finished', async () => {
    const cwd = tempDir();
    // Its own fixture server, so the test can count the requests answered.
    const server = await startFixtureServer({ latencyMs: 20, sizeBytes: 100 });
    try {
      const url = `${server.url}/page`;
      const args = ['run', '--url', url, '--strategies', 'async', '--concurrency', '4', '--jobs', '200000'];
      const { child, done, stderr } = startCli([...args, '--calibration', 'off', '--out', 'out'], cwd);
      // Every job at its worst (30 s) made a deadline of years, which setTimeout fired after 1 ms. The calibration
      // (off: what is proven here is the point's deadline, not the capacity) says it is off before any request.
      await vi.waitFor(() => expect(stderr()).toMatch(/^calibration: off/m), { timeout: 60_000, interval: 50 });
      const before = server.stats().requests;
      // After that line: the harness's two reference fetches, the warm-up's two slices of 20 jobs (a 1,000 s
      // batch gets no whole warm-up batch), then timed jobs, at most 4 of them still in flight.
      await vi.waitFor(() => expect(server.stats().requests).toBeGreaterThanOrEqual(before + 2 + 40 + 204), {
        timeout: 60_000,
        interval: 50,
      });
      child.kill('SIGINT');
      const result = await done;
      expect(result.stderr).not.toMatch(/TimeoutOverflowWarning|timed out/);
      expect(result.code).toBe(130);
      const report = reportSchema.parse(JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')));
      const cut = report.runs[0];
      if (!cut || !isInterrupted(cut)) throw new Error(`not an interrupted point: ${JSON.stringify(cut)}`);
      expect(cut).toMatchObject({ strategy: 'async', concurrency: 4, jobs: 200_000, completedBatches: 0, failed: 0 });
      expect(cut.completedJobs).toBeGreaterThanOrEqual(200);
      expect(cut.completedJobs).toBeLessThan(200_000);
      expect(cut.skipped).toBe(
        `interrupted after ${cut.completedJobs.toLocaleString('en-US')} of 1,000,000 timed jobs`,
      );
    } finally {
      await server.close();
    }
  });
});

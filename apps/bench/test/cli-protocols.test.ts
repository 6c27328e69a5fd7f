import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRunReport, runCli, tempDir } from './cli-helper.js';

const JOBS = 8;
const SIZE = 20_000;
const RTT_MS = 20;

describe('fanout run over HTTPS, HTTP/2 and gzip behind a 20 ms round trip (the embedded server)', {
  timeout: 60_000,
}, () => {
  it('accounts for every job, checks decoded bytes, reports counters and protocol, and keeps W = 1 above N × RTT', async () => {
    const cwd = tempDir();
    const result = await runCli(
      [
        'run',
        '--tls',
        '--http2',
        '--compress',
        'gzip',
        '--rtt',
        String(RTT_MS),
        '--strategies',
        'sequential,async',
        '--concurrency',
        '1,4',
        '--jobs',
        String(JOBS),
        '--latency',
        '0',
        '--size',
        String(SIZE),
        '--iterations',
        '1',
        '--calibration',
        'off',
        '--out',
        'out',
        '--wide',
      ],
      cwd,
    );
    expect(result.stderr).not.toMatch(/internal error|Warning|skipped: error/);
    expect(result.code).toBe(0);
    const { report, runs } = readRunReport(cwd);
    expect(report.settings).toMatchObject({ tls: true, http2: true, compress: 'gzip', rttMs: RTT_MS });
    expect(runs.map((run) => `${run.strategy}@${run.concurrency}`)).toEqual(['sequential@1', 'async@1', 'async@4']);
    for (const run of runs) {
      // Every job succeeded, each body decoded to the page's size (the collector refuses any other size).
      expect(run.worstBatch).toMatchObject({ succeeded: JOBS, failed: 0, bytes: JOBS * SIZE });
      expect(run.totals.bytes).toBe(JOBS * SIZE * run.samples);
      expect(run.totals.wireBytes).toBeLessThan(run.totals.bytes ?? 0);
      expect(run.server).toMatchObject({
        requests: JOBS * run.samples,
        http2Streams: JOBS * run.samples,
        protocol: 'h2',
      });
      expect(run.server?.connections).toBeGreaterThanOrEqual(1);
      expect(run.server?.http2Sessions).toBeGreaterThanOrEqual(1);
      // Each job crosses the relay both ways: the floor is N ÷ W round trips, and no batch beats it.
      expect(run.latencyFloorMs).toBe(Math.ceil(JOBS / run.concurrency) * RTT_MS);
      expect(run.meanBatchMs).toBeGreaterThanOrEqual(run.latencyFloorMs ?? Number.POSITIVE_INFINITY);
    }
    const sequential = runs.find((run) => run.strategy === 'sequential');
    expect(sequential?.minMs).toBeGreaterThanOrEqual(JOBS * RTT_MS);
    expect(result.stdout).toMatch(/│ sequential +│ +1 │.*│ h2 +│/);
    const markdown = readFileSync(join(cwd, 'out', 'report.md'), 'utf8');
    expect(markdown).toMatch(/\| Protocol \| HTTPS, HTTP\/2 offered by ALPN/);
    expect(markdown).toMatch(/\| Network \| a relay in its own process adds a 20.0 ms round trip/);
    expect(markdown).toContain('| proto |');
  });
});

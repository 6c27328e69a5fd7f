import { describe, expect, it } from 'vitest';
import { readRunReport, runCli, tempDir } from './cli-helper.js';

const JOBS = 100;
const RTT_MS = 20;

describe("issue 19's Done-when, as written: every strategy family over TLS, h2, gzip and a 20 ms round trip", () => {
  it("accounts for every job, checks decoded bytes, reports each point's connections, handshakes and streams", async () => {
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
        'sequential,async,thread-pool,process-pool',
        '--concurrency',
        '1,16',
        '--jobs',
        String(JOBS),
        '--iterations',
        '1',
        '--out',
        'out',
      ],
      cwd,
    );
    expect(result.code).toBe(0);
    const { report, runs } = readRunReport(cwd);
    expect(runs).toHaveLength(7);
    const size = report.settings.sizeBytes;
    for (const run of runs) {
      expect(run.worstBatch).toMatchObject({ succeeded: JOBS, failed: 0, bytes: JOBS * size });
      expect(run.totals.wireBytes).toBeLessThan(run.totals.bytes ?? 0);
      expect(run.server).toMatchObject({
        requests: JOBS * run.samples,
        http2Streams: JOBS * run.samples,
        protocol: 'h2',
      });
      expect(run.server?.connections).toBeGreaterThanOrEqual(1);
      expect(run.server?.tlsHandshakes).toBeGreaterThanOrEqual(0);
      expect(run.meanBatchMs).toBeGreaterThanOrEqual(run.latencyFloorMs ?? Number.POSITIVE_INFINITY);
    }
    // Sequential at W = 1: at least 100 × 20 ms (a lower bound, not a timing target).
    const sequential = runs.find((run) => run.strategy === 'sequential');
    expect(sequential?.minMs).toBeGreaterThanOrEqual(JOBS * RTT_MS);
    // Seven points, each warmed up over the relay: about 2 minutes on 2 shared cores.
  }, 600_000);
});

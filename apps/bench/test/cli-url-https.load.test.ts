import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CompletedRun, isSkipped, reportSchema } from '../src/model/schema.js';
import { runCli, tempDir } from './cli-helper.js';

// The fixture server's bin, run as its own process: to fanout it is a server like any other, reached only by URL.
const SERVER_BIN = fileURLToPath(import.meta.resolve('@fanout/fixture-server/cli'));
const JOBS = 6;
const SIZE = 12_345;

let server: ChildProcess | undefined;
let baseUrl = '';
let caFile = '';

beforeAll(async () => {
  caFile = join(tempDir(), 'private-ca.pem');
  server = spawn(process.execPath, [SERVER_BIN, '--tls', '--http2', '--compress', 'gzip', '--ca-out', caFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: server.stdout as NodeJS.ReadableStream });
  baseUrl = await new Promise<string>((resolve) => lines.once('line', resolve));
  lines.on('line', () => undefined);
});

afterAll(async () => {
  if (!server || server.exitCode !== null) return;
  const exited = new Promise((resolve) => server?.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
});

async function run(extra: readonly string[]) {
  const cwd = tempDir();
  const args = ['run', '--url', `${baseUrl}/page?size=${SIZE}`, '--strategies', 'async,thread-pool'];
  const result = await runCli(
    [...args, '--concurrency', '2', '--jobs', String(JOBS), '--iterations', '1', '--out', 'out', ...extra],
    cwd,
  );
  const report = reportSchema.parse(JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')));
  const runs = report.runs.filter((record): record is CompletedRun => !isSkipped(record));
  return { result, report, runs };
}

describe('--url https against a server with a private CA, in its own process', { timeout: 120_000 }, () => {
  it('works over HTTP/1.1 with --ca', async () => {
    expect(baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const { result, runs, report } = await run(['--ca', caFile]);
    expect(result.code).toBe(0);
    expect(report.settings.caFile).toBe(caFile);
    expect(runs).toHaveLength(2);
    for (const point of runs) {
      expect(point.worstBatch).toMatchObject({ succeeded: JOBS, failed: 0, bytes: JOBS * SIZE });
      // HTTP/1.1 only was offered, so no result names a protocol.
      expect(point.totals.protocols).toBeUndefined();
    }
  });

  it('works over HTTP/2 with compression, and the report says h2', async () => {
    const { result, runs } = await run(['--ca', caFile, '--http2', '--compress', 'gzip', '--wide']);
    expect(result.code).toBe(0);
    for (const point of runs) {
      expect(point.worstBatch).toMatchObject({ succeeded: JOBS, failed: 0, bytes: JOBS * SIZE });
      expect(point.totals.protocols).toEqual({ h2: JOBS * point.samples });
      expect(point.totals.wireBytes).toBeLessThan(point.totals.bytes ?? 0);
    }
    expect(result.stdout).toMatch(/│ async +│ +2 │.*│ h2 +│/);
  });

  it('fails every job with TLS_CERT_INVALID without --ca: no downgrade, no stack trace', async () => {
    const { result, runs } = await run(['--fail-on-error']);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(runs).toHaveLength(2);
    for (const point of runs) {
      expect(point.worstBatch).toMatchObject({ succeeded: 0, failed: JOBS, errors: { TLS_CERT_INVALID: JOBS } });
    }
  });
});

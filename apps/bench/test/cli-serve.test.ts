import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'undici';
import { describe, expect, it } from 'vitest';
import { runCli, startCli } from './cli-helper.js';

/** Starts `fanout serve`, waits for its first `lines` stdout lines, and stops it after `body`. */
async function withServe(
  args: readonly string[],
  body: (url: string, ...more: string[]) => Promise<void>,
  lines = 1,
): Promise<void> {
  const { child, done } = startCli(['serve', ...args]);
  const printed = await new Promise<string[]>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const complete = text.split('\n').slice(0, -1);
      if (complete.length >= lines) resolve(complete);
    });
    child.once('exit', () => reject(new Error('serve exited before printing its URL')));
  });
  try {
    await body(printed[0] ?? '', ...printed.slice(1));
  } finally {
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  }
}

describe('fanout serve', () => {
  it('prints its base URL first and serves the sizes and latency it was given', async () => {
    await withServe(['--size', '1234', '--latency', '20'], async (url) => {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const started = performance.now();
      const response = await request(`${url}/anything`, { reset: true });
      const body = Buffer.from(await response.body.arrayBuffer());
      expect(response.statusCode).toBe(200);
      expect(body.length).toBe(1234);
      expect(performance.now() - started).toBeGreaterThanOrEqual(18);
    });
  });

  it('answers with the fault mix it was given, and not when a request opts out', async () => {
    await withServe(['--faults', 'server-error:1'], async (url) => {
      const faulted = await request(`${url}/x`, { reset: true });
      await faulted.body.dump();
      expect(faulted.statusCode).toBe(503);
      const clean = await request(`${url}/x?fault=none`, { reset: true });
      await clean.body.dump();
      expect(clean.statusCode).toBe(200);
    });
  });

  it('--tls --http2 --compress gzip: the https URL first, then the CA file clients verify through', async () => {
    let caPath = '';
    await withServe(
      ['--tls', '--http2', '--compress', 'gzip', '--size', '30000'],
      async (url, caLine = '') => {
        expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
        expect(caLine).toMatch(/^ca: \/.+\.pem$/);
        caPath = caLine.slice('ca: '.length);
        const agent = new Agent({ allowH2: true, connect: { ca: readFileSync(caPath, 'utf8') } });
        try {
          const response = await request(`${url}/page`, { dispatcher: agent, headers: { 'accept-encoding': 'gzip' } });
          const wire = (await response.body.arrayBuffer()).byteLength;
          expect(response.statusCode).toBe(200);
          expect(response.headers['content-encoding']).toBe('gzip');
          expect(response.headers['x-decoded-content-length']).toBe('30000');
          expect(wire).toBeLessThan(30_000 / 3);
        } finally {
          await agent.close();
        }
      },
      2,
    );
    // Stopped: its CA is not left behind to be trusted.
    expect(existsSync(caPath)).toBe(false);
  });

  for (const [args, message] of [
    [['--http2'], /^fanout: --http2 needs --tls/],
    [['--ca-out', '/tmp/x.pem'], /^fanout: --ca-out needs --tls/],
    [['--compress', 'zstd'], /^fanout: --compress must be one of gzip, br \(got "zstd"\)$/],
  ] as const) {
    it(`serve ${args.join(' ')} → exit 2, one line`, async () => {
      const result = await runCli(['serve', ...args]);
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toMatch(message);
      expect(result.stdout).toBe('');
    });
  }
});

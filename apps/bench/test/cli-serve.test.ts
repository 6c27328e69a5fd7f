import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { startCli } from './cli-helper.js';

/** Starts `fanout serve`, waits for its first stdout line, and stops it after `body`. */
async function withServe(args: readonly string[], body: (url: string) => Promise<void>): Promise<void> {
  const { child, done } = startCli(['serve', ...args]);
  const firstLine = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0] ?? '');
    });
    child.once('exit', () => reject(new Error('serve exited before printing its URL')));
  });
  try {
    await body(firstLine);
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
});

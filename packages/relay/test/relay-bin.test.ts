import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { relayArgs, spawnRelay } from '../src/index.js';
import { perTest } from './relay-start.js';

const use = perTest();
// The built bin, as the bench runs it (`pnpm test` builds first).
const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

async function runBin(args: readonly string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

describe('fanout-relay bin', () => {
  it('runs in its own process, prints the relayed URL first, and delays what it carries', async () => {
    const server = await use.server({ sizeBytes: 321 });
    const relay = await spawnRelay({ target: server.url, rttMs: 30 });
    use.later(() => relay.close());
    expect(relay.pid).not.toBe(process.pid);
    expect(relay.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(relay.url).not.toBe(server.url);
    const started = performance.now();
    const response = await request(`${relay.url}/x`);
    expect((await response.body.arrayBuffer()).byteLength).toBe(321);
    expect(performance.now() - started).toBeGreaterThanOrEqual(2 * 30 - 1);
    await relay.close();
    await expect(request(`${relay.url}/x`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('keeps the path of a target URL and passes every option to the bin', () => {
    expect(
      relayArgs({ target: 'https://localhost:8443/', rttMs: 20, bandwidthMbit: 50, host: '127.0.0.2', port: 0 }),
    ).toEqual([
      '--target',
      'https://localhost:8443/',
      '--rtt',
      '20',
      '--bandwidth',
      '50',
      '--host',
      '127.0.0.2',
      '--port',
      '0',
    ]);
  });

  it('exits 2 naming a bad flag, and warns before listening beyond loopback', async () => {
    expect(await runBin(['--rtt', '10'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--target is required'),
    });
    expect(await runBin(['--target', 'http://127.0.0.1:1', '--rtt', 'ten'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--rtt must be a non-negative number, got "ten"'),
    });
    expect(await runBin(['--target', 'http://example.com/', '--rtt', '1'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('is not on loopback; a remote target needs --allow-remote'),
    });
    // 192.0.2.1 (TEST-NET-1) is on no interface here: the warning comes first, then listening fails.
    const remote = await runBin(['--target', 'http://127.0.0.1:1', '--rtt', '1', '--host', '192.0.2.1']);
    expect(remote.code).toBe(1);
    expect(remote.stderr).toContain('fanout-relay: warning: listening on 192.0.2.1 (--host), not on loopback');
  });
});

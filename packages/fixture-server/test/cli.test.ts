import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The built bin, as the benchmark runs it (`pnpm test` builds first).
const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const children: ChildProcess[] = [];

function startBin(args: readonly string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  const seen: string[] = [];
  lines.on('line', (line) => seen.push(line));
  const firstLine = new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing: ${stderr}`)));
    lines.once('line', resolve);
  });
  // A test that expects an early exit need not await the first line.
  firstLine.catch(() => undefined);
  const nextLine = () => vi.waitFor(() => seen[1] ?? Promise.reject(new Error('no second line yet')));
  return { child, firstLine, nextLine, stderr: () => stderr };
}

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
});

describe('fanout-fixture-server bin', () => {
  it('prints its loopback URL first and serves the size it was given', async () => {
    const { firstLine } = startBin(['--size', '777', '--latency', '1']);
    const url = await firstLine;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await request(`${url}/page`);
    expect(response.statusCode).toBe(200);
    expect((await response.body.arrayBuffer()).byteLength).toBe(777);
  });

  it('applies the fault mix it was given', async () => {
    const { firstLine } = startBin(['--faults', 'server-error:1']);
    const response = await request(`${await firstLine}/page`);
    expect(response.statusCode).toBe(503);
    await response.body.dump();
  });

  it('exits with 2 naming a bad flag value, serving nothing', async () => {
    const { child, firstLine, stderr } = startBin(['--size', 'big']);
    const [code] = (await once(child, 'exit')) as [number | null];
    await expect(firstLine).rejects.toThrow();
    expect(code).toBe(2);
    expect(stderr()).toContain('--size must be an integer');
    expect(stderr()).toContain('"big"');
  });

  it('--tls --http2 --compress gzip: the https URL first, then the CA file, which clients verify through', async () => {
    const { child, firstLine, nextLine } = startBin(['--tls', '--http2', '--compress', 'gzip', '--size', '5000']);
    const url = await firstLine;
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const caPath = (await nextLine()).replace(/^ca: /, '');
    expect(readFileSync(caPath, 'utf8')).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const agent = new Agent({ allowH2: true, connect: { ca: readFileSync(caPath, 'utf8') } });
    const response = await request(`${url}/page`, { dispatcher: agent, headers: { 'accept-encoding': 'gzip' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    await response.body.dump();
    await agent.close();
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
    // The CA of a server that is gone is not left behind to be trusted.
    expect(existsSync(caPath)).toBe(false);
  });

  it('warns on stderr before listening beyond loopback', async () => {
    // 192.0.2.1 (TEST-NET-1) is on no interface here: the warning comes first, then listening fails.
    const { child, stderr } = startBin(['--host', '192.0.2.1']);
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(1);
    expect(stderr()).toMatch(/warning: listening on 192\.0\.2\.1 \(--host\), not on loopback: anyone on the network/);
    expect(stderr()).toContain('cannot listen on 192.0.2.1:0');
  });

  it('refuses --http2 without --tls and a compression it does not know, with exit 2', async () => {
    for (const [args, message] of [
      [['--http2'], '--http2 needs --tls'],
      [['--compress', 'zstd'], '--compress must be one of gzip, br, got "zstd"'],
    ] as const) {
      const { child, stderr } = startBin(args);
      const [code] = (await once(child, 'exit')) as [number | null];
      expect(code).toBe(2);
      expect(stderr()).toContain(message);
    }
  });
});

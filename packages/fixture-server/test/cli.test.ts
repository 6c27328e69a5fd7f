import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';

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
  const firstLine = new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing: ${stderr}`)));
    createInterface({ input: child.stdout as NonNullable<typeof child.stdout> }).once('line', resolve);
  });
  return { child, firstLine, stderr: () => stderr };
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
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `use` with the PEM `ca` in a file of its own (removed afterwards), or with undefined when there is no CA. A
 * peer's process gets the run's CA by path, never in an argument: a bundle like a system's (~220 KiB) is more than
 * one argument may hold (spawn fails with E2BIG).
 */
export async function withCaFile<T>(ca: string | undefined, use: (file: string | undefined) => Promise<T>): Promise<T> {
  if (ca === undefined) return use(undefined);
  const dir = await mkdtemp(join(tmpdir(), 'fanout-peer-ca-'));
  try {
    const file = join(dir, 'ca.pem');
    await writeFile(file, ca, { mode: 0o600 });
    return await use(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TinyTmpfs {
  readonly mounted: boolean;
  /** Why it could not be mounted (shown in the skipped test's name). */
  readonly why: string;
  readonly path: string;
  /** Writes filler files until the file system says ENOSPC. */
  fill(): void;
  /** Removes the filler files. */
  empty(): void;
  unmount(): void;
}

/** A 512 KiB tmpfs for full-disk tests, where this process may mount one (root on Linux); else `mounted: false`. */
export function mountTinyTmpfs(): TinyTmpfs {
  const path = mkdtempSync(join(tmpdir(), 'fanout-tiny-'));
  let mounted = false;
  let why = 'a real full tmpfs';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', path], { stdio: 'pipe' });
    mounted = true;
  } catch (error) {
    why = `skipped: cannot mount a tmpfs here (${String((error as Error).message).split('\n')[0]})`;
  }
  const fillers = () => readdirSync(path).filter((name) => name.startsWith('filler-'));
  return {
    mounted,
    why,
    path,
    fill() {
      const chunk = Buffer.alloc(64 * 1024, 1);
      for (let index = 0; index < 10_000; index++) {
        try {
          writeFileSync(join(path, `filler-${index}`), index < 100 ? chunk : 'x');
        } catch {
          if (index >= 100) return;
          index = 99; // the big chunks no longer fit: top up with one-byte files until not even those do
        }
      }
    },
    empty() {
      for (const name of fillers()) rmSync(join(path, name));
    },
    unmount() {
      if (mounted) execFileSync('umount', [path], { stdio: 'pipe' });
      rmSync(path, { recursive: true, force: true });
    },
  };
}

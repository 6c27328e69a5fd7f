import { rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from '../usage-error.js';
import { DirectoryError, makeDirectory, messageOf } from './directory.js';

// Enough bytes that a full disk says so now, not after a long run.
const PROBE = 'x'.repeat(4096);

/**
 * Proves by doing that `dir` can hold the report before any point runs: makes
 * the folder, then writes and removes a probe file there. A path that cannot
 * hold files is a usage error naming the flag and the value.
 */
export function prepareOutputDir(dir: string, flag: string): void {
  try {
    makeDirectory(dir);
  } catch (error) {
    if (error instanceof DirectoryError) throw new UsageError(`${flag} ${JSON.stringify(dir)}: ${error.message}`);
    throw error;
  }
  probeWrite(resolve(dir), flag, dir);
}

/** The same for a file path: its folder is prepared, and the path must not be a folder itself. */
export function prepareOutputFile(path: string, flag: string): void {
  const absolute = resolve(path);
  if (isExistingDirectory(absolute)) {
    throw new UsageError(`${flag} ${JSON.stringify(path)} is a directory, not a file`);
  }
  prepareOutputDir(dirname(absolute), flag);
  probeWrite(dirname(absolute), flag, path, `.${basename(absolute)}`);
}

function probeWrite(dir: string, flag: string, given: string, prefix = ''): void {
  const probe = join(dir, `${prefix}.fanout-probe-${process.pid}`);
  try {
    writeFileSync(probe, PROBE);
  } catch (error) {
    throw new UsageError(`${flag} ${JSON.stringify(given)} cannot hold files: ${messageOf(error)}`);
  } finally {
    try {
      rmSync(probe, { force: true });
    } catch {
      // A probe that cannot be removed was never written either.
    }
  }
}

function isExistingDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

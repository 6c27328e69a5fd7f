import { accessSync, constants, existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../usage-error.js';

/** Writes through a temporary file and a rename, so a crash never leaves half a file. */
export function writeFileAtomic(path: string, content: string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

/** Checks before any work that `path` can be written (its folder exists or can be made, and is writable). */
export function assertWritableFile(path: string, flag: string): void {
  const absolute = resolve(path);
  if (existsSync(absolute) && statSync(absolute).isDirectory()) {
    throw new UsageError(`${flag} ${JSON.stringify(path)} is a directory, not a file`);
  }
  assertWritableDir(dirname(absolute), flag, path);
}

export function assertWritableDir(dir: string, flag: string, given = dir): void {
  let existing = resolve(dir);
  while (!existsSync(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  try {
    if (!statSync(existing).isDirectory()) throw new Error('not a directory');
    accessSync(existing, constants.W_OK);
  } catch {
    throw new UsageError(
      `${flag} ${JSON.stringify(given)} cannot be written (${existing} is not a writable directory)`,
    );
  }
}

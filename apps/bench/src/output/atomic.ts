import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { makeDirectory } from './directory.js';

/**
 * Writes through a temporary file and a rename, so a crash never leaves half a
 * file; when writing fails (a full disk), the temporary file is removed too.
 */
export function writeFileAtomic(path: string, content: string): void {
  makeDirectory(dirname(resolve(path)));
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing more can be done about a file that cannot be removed; the caller reports the write error.
    }
    throw error;
  }
}

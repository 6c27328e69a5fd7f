import { readFileSync } from 'node:fs';
import { UsageError } from '../usage-error.js';

/** A file a flag names, as text; one line naming the flag, the file and why when it cannot be read. */
export function readFlagFile(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw new UsageError(`${flag} ${JSON.stringify(path)}: ${why}`);
  }
}

import { lstatSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Why a folder could not be made: one line, naming the path that failed. */
export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';
}

/**
 * Makes `dir` and its missing parents, one level at a time. Not
 * `mkdirSync(dir, { recursive: true })`: Node's recursive mkdir loops forever
 * when a parent exists but creating the child answers ENOENT (procfs, a stale
 * mount, some dangling links). Here that answer is final.
 */
export function makeDirectory(dir: string): void {
  const absolute = resolve(dir);
  const missing: string[] = [];
  let current = absolute;
  while (!isDirectory(current)) {
    missing.push(current);
    const parent = dirname(current);
    if (parent === current) throw new DirectoryError(`${current} does not exist`);
    current = parent;
  }
  for (const path of missing.reverse()) createOne(path);
}

/** True for an existing folder (links followed); false when nothing is there; throws for anything else. */
function isDirectory(path: string): boolean {
  try {
    if (statSync(path).isDirectory()) return true;
    throw new DirectoryError(`${path} exists and is not a directory`);
  } catch (error) {
    if (error instanceof DirectoryError) throw error;
    const code = codeOf(error);
    // ENOTDIR: some parent is a file; walking up finds and names it.
    if (code === 'ENOTDIR') return false;
    if (code !== 'ENOENT') throw new DirectoryError(`${path} cannot be used: ${messageOf(error)}`);
    if (isLink(path)) throw new DirectoryError(`${path} is a link to something that does not exist`);
    return false;
  }
}

function createOne(path: string): void {
  try {
    mkdirSync(path);
  } catch (error) {
    const code = codeOf(error);
    // Someone else made it in the meantime: fine if it is a folder now.
    if (code === 'EEXIST' && isDirectory(path)) return;
    if (code === 'ENOENT') {
      throw new DirectoryError(`${path} cannot be created here (the parent exists but refuses new folders)`);
    }
    throw new DirectoryError(`${path} cannot be created: ${messageOf(error)}`);
  }
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** An fs error's message without Node's "CODE: " prefix repeated, e.g. "ENOSPC: no space left on device, write". */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

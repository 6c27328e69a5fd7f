import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CaFile {
  readonly path: string;
  /** Deletes the file (and the folder made for it); safe to call twice. */
  remove(): void;
}

/**
 * Writes a CA certificate (PEM) where clients can be pointed at it: to `path` when given, else to `ca.pem` in a
 * fresh private folder under the system's temp folder. A bin removes it when it stops, so no stale CA of a
 * server long gone is left to trust.
 */
export function writeCaFile(pem: string, path?: string): CaFile {
  const folder = path === undefined ? mkdtempSync(join(tmpdir(), 'fanout-ca-')) : undefined;
  const target = path ?? join(folder as string, 'ca.pem');
  writeFileSync(target, pem, { mode: 0o644 });
  let removed = false;
  return {
    path: target,
    remove() {
      if (removed) return;
      removed = true;
      rmSync(folder ?? target, { recursive: folder !== undefined, force: true });
    },
  };
}

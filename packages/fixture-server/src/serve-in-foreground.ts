import { type CaFile, writeCaFile } from './ca-file.js';
import type { FixtureServer } from './server.js';

/**
 * What a bin does once its server listens (`fanout-fixture-server` and `fanout serve` alike): prints the base URL as
 * the first stdout line and, with TLS, `ca: FILE` as the second (the CA written where `caOut` says, or to a private
 * temp folder); tells a parent on an IPC channel `{ url, ca, caFile }`; and stops on SIGINT/SIGTERM or when that
 * parent goes away, removing the CA file, so no stale CA of a server long gone is left to trust.
 */
export function serveInForeground(server: FixtureServer, caOut: string | undefined): CaFile | undefined {
  const caFile = server.ca === undefined ? undefined : writeCaFile(server.ca, caOut);
  process.stdout.write(`${server.url}\n${caFile ? `ca: ${caFile.path}\n` : ''}`);
  process.send?.({ url: server.url, ca: server.ca, caFile: caFile?.path });
  const stop = () => {
    caFile?.remove();
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('disconnect', stop);
  return caFile;
}

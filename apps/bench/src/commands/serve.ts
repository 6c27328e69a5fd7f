import { listenWarning, serveInForeground, startFixtureServer } from '@fanout/fixture-server';
import { SERVE_FLAGS } from '../flags/command-flags.js';
import { type FlagValues, settleFlags } from '../flags/flag.js';
import { UsageError } from '../usage-error.js';

export type ServeFlags = FlagValues<typeof SERVE_FLAGS>;

/**
 * Runs the fixture server in the foreground, on 127.0.0.1 unless --host says otherwise (with a warning). The first
 * stdout line is its base URL; with --tls the second is `ca: FILE`, the CA clients must trust. A parent process
 * also gets `{ url, ca, caFile }` over IPC and, if the parent goes away, the server goes too (its CA file with it).
 */
export async function serveCommand(flags: ServeFlags): Promise<void> {
  const { host, port, latency, size, faults, tls, http2, caOut, compress } = settleFlags(SERVE_FLAGS, flags);
  if (http2 && !tls) throw new UsageError('--http2 needs --tls (HTTP/2 is served over TLS with ALPN)');
  if (caOut !== undefined && !tls) throw new UsageError('--ca-out needs --tls (without TLS there is no CA)');
  const warning = listenWarning('fanout serve', host);
  if (warning) process.stderr.write(`${warning}\n`);
  const server = await startFixtureServer({
    host,
    port,
    latencyMs: latency,
    sizeBytes: size,
    tls,
    http2,
    ...(compress ? { compress } : {}),
    ...(faults ? { faults } : {}),
  }).catch((error: Error) => {
    throw new UsageError(`cannot listen on ${host}:${port}: ${error.message}`);
  });
  const caFile = serveInForeground(server, caOut);
  if (caFile) {
    process.stderr.write(
      `fanout serve: clients must trust the CA in ${caFile.path}, e.g. curl --cacert ${caFile.path} ${server.url}/\n`,
    );
  }
}

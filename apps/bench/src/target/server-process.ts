import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Compression } from '@fanout/fixture-server';
import type { Page } from '../profiles.js';
import { fixtureControl } from './control.js';
import type { Target } from './target.js';

// The fixture server's own bin: a small start, without commander, tinybench or the chart libraries.
const SERVER_BIN = fileURLToPath(import.meta.resolve('@fanout/fixture-server/cli'));

/** What the embedded server speaks: the fixture server's --tls, --http2 and --compress. */
export interface ServerProtocol {
  readonly tls: boolean;
  readonly http2: boolean;
  readonly compress: Compression | undefined;
}

const PLAINTEXT: ServerProtocol = { tls: false, http2: false, compress: undefined };

/** The bin's arguments for these pages' server: faults and protocol; each page's size and latency go in its URL. */
export function serverArgs(faults: string | undefined, protocol: ServerProtocol): string[] {
  return [
    '--port',
    '0',
    ...(faults ? ['--faults', faults] : []),
    ...(protocol.tls ? ['--tls'] : []),
    ...(protocol.http2 ? ['--http2'] : []),
    ...(protocol.compress ? ['--compress', protocol.compress] : []),
  ];
}

/** The protocol in words, for the target's line: "HTTPS (h2 and http/1.1), gzip bodies". */
export function describeServerProtocol(protocol: ServerProtocol): string {
  const scheme = protocol.tls ? `HTTPS (${protocol.http2 ? 'h2 and http/1.1 by ALPN' : 'http/1.1'})` : 'HTTP/1.1';
  return `${scheme}${protocol.compress ? `, ${protocol.compress} bodies` : ''}`;
}

/**
 * Starts the fixture server's bin in a child process (so its CPU is not billed to the strategy under test) and
 * reads its URL and, with TLS, its CA (PEM) from the message it sends on the IPC channel. The channel also makes the
 * child exit by itself if this process dies (disconnect).
 */
export async function startServerProcess(
  pages: readonly Page[],
  faults?: string,
  protocol: ServerProtocol = PLAINTEXT,
): Promise<Target> {
  // Its own process group: a terminal's Ctrl-C must reach only the orchestrator, or the server would drop the
  // interrupted point's connections before that point is told to stop (its jobs would fail, not abort).
  const child = spawn(process.execPath, [SERVER_BIN, ...serverArgs(faults, protocol)], {
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  // Nothing but the URL (and the CA file) is printed; keep the pipe drained so the child never blocks on it.
  child.stdout?.resume();
  const { url, ca } = await ready(child);
  const control = fixtureControl(url, ca);
  const urls = pages.map((page) => `${url}${page.path}?size=${page.sizeBytes}&latency=${page.latencyMs}`);
  let closing: Promise<void> | undefined;
  return {
    description: `embedded fixture server at ${url} (child process), ${describeServerProtocol(protocol)}: ${pages
      .map((page) => `${page.path} ${page.sizeBytes} B after ${page.latencyMs} ms`)
      .join(', ')}${faults ? `; faults ${faults}` : ''}`,
    // fault=none: the calibration measures the server, not the fault mix under test.
    urls,
    calibrationUrls: urls.map((page) => `${page}&fault=none`),
    controlUrl: url,
    ca,
    ...(child.pid !== undefined ? { pid: child.pid } : {}),
    stats: () => control.stats(),
    resetStats: () => control.reset(),
    close() {
      closing ??= (async () => {
        await control.close();
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await exited;
      })();
      return closing;
    },
  };
}

/** The bin's message once it listens: `{ url, ca, caFile }` (ca only with --tls). */
function ready(child: ChildProcess): Promise<{ url: string; ca: string | undefined }> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`fixture server exited early (code ${code})`));
    child.once('exit', onExit);
    child.once('error', reject);
    child.once('message', (message: unknown) => {
      child.off('exit', onExit);
      const { url, ca } = (typeof message === 'object' && message !== null ? message : {}) as Record<string, unknown>;
      if (typeof url === 'string' && /^https?:\/\/127\.0\.0\.1:\d+$/.test(url)) {
        resolve({ url, ca: typeof ca === 'string' ? ca : undefined });
      } else reject(new Error(`fixture server sent ${JSON.stringify(message)} instead of its URL`));
    });
  });
}

import type { AddressInfo, Socket } from 'node:net';
import type { Compression } from './encoding.js';
import { checkFaultMix, type FaultMix } from './faults.js';
import { createGauge, type ServerStats } from './gauge.js';
import { createHandler } from './handler.js';
import { LOOPBACK_HOST } from './listen-host.js';
import { listen } from './listeners.js';
import { createPagePicker } from './pages.js';
import { DEFAULT_SETTINGS, type ResponseSettings } from './settings.js';

export { RESET_PATH, STATS_PATH } from './handler.js';

export interface FixtureServerOptions extends Partial<ResponseSettings> {
  /** Loopback only by default; benchmarks must not listen on the network. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /**
   * Share of requests without `?fault=` that get each fault: probabilities in [0, 1] summing to at most 1;
   * the rest are answered normally. Checked at start (the promise rejects naming the bad entry).
   */
  readonly faults?: FaultMix;
  /** Random numbers in [0, 1) for the mix and for jitter; inject a seeded source for repeatable runs. */
  readonly random?: () => number;
  /** HTTPS, with a CA and a certificate for 127.0.0.1, localhost and `host` made at start (see `ca`). */
  readonly tls?: boolean;
  /** HTTP/2 over TLS (ALPN h2), HTTP/1.1 still offered to clients that do not ask for h2. Needs `tls`. */
  readonly http2?: boolean;
  /** Pages compressed (once per size) when the request's Accept-Encoding accepts this coding. */
  readonly compress?: Compression;
}

export interface FixtureServer {
  /** `http://127.0.0.1:PORT` (`https://` with TLS), no trailing slash. */
  readonly url: string;
  readonly port: number;
  /** With TLS, the PEM of the CA that signed the server's certificate: what clients must trust. */
  readonly ca: string | undefined;
  stats(): ServerStats;
  resetStats(): void;
  /** Closes the listener and every connection, keep-alive, hanging and endless ones included. */
  close(): Promise<void>;
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const { host = LOOPBACK_HOST, port = 0, faults = {}, random = Math.random, ...rest } = options;
  const { tls = false, http2 = false, compress, ...overrides } = rest;
  checkFaultMix(faults);
  if (http2 && !tls) {
    throw new Error('http2 needs tls: HTTP/2 is served over TLS with ALPN, as browsers and undici speak it');
  }
  const defaults: ResponseSettings = { ...DEFAULT_SETTINGS, ...overrides };
  const gauge = createGauge();
  const pages = createPagePicker(compress);
  // The default page is compressed now, so the first request does not wait for it.
  await pages(defaults.sizeBytes, compress);

  // Every TCP socket, to close them all; and by peer, so a TLS socket (same peer) can find the TCP socket under it.
  const sockets = new Set<Socket>();
  const byPeer = new Map<string, Socket>();
  const peerOf = (socket: Socket) => `${socket.remoteAddress}|${socket.remotePort}`;
  const tcpOf = (socket: Socket) => byPeer.get(peerOf(socket)) ?? socket;
  const compressing = compress !== undefined;
  const handler = createHandler({ defaults, gauge, mix: faults, random, pages, tcpOf, compressing });
  const material = tls
    ? await (await import('./tls-material.js')).makeTlsMaterial(['127.0.0.1', 'localhost', host])
    : undefined;
  const server = await listen({ handler, material, http2, gauge, host, port }, (socket) => {
    const key = peerOf(socket);
    sockets.add(socket);
    byPeer.set(key, socket);
    socket.once('close', () => {
      sockets.delete(socket);
      if (byPeer.get(key) === socket) byPeer.delete(key);
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `${tls ? 'https' : 'http'}://${hostForUrl}:${address.port}`,
    port: address.port,
    ca: material?.ca,
    stats: () => gauge.stats(),
    resetStats: () => gauge.reset(),
    close() {
      // Resolves once the listener and every socket are closed. Destroying the TCP sockets is what ends hanging,
      // dripping and endless answers, TLS and HTTP/2 sessions with them; their timers are cleared by the 'close'
      // events this triggers.
      closing ??= Promise.all([
        new Promise<void>((resolve) => server.close(() => resolve())),
        ...[...sockets].map(
          (socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()).destroy()),
        ),
      ]).then(() => undefined);
      return closing;
    },
  };
}

import { createServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { checkFaultMix, type FaultMix } from './faults.js';
import { createGauge, type ServerStats } from './gauge.js';
import { createHandler } from './handler.js';
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
}

export interface FixtureServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  stats(): ServerStats;
  resetStats(): void;
  /** Closes the listener and every connection, keep-alive, hanging and endless ones included. */
  close(): Promise<void>;
}

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const { host = '127.0.0.1', port = 0, faults = {}, random = Math.random, ...overrides } = options;
  checkFaultMix(faults);
  const defaults: ResponseSettings = { ...DEFAULT_SETTINGS, ...overrides };
  const gauge = createGauge();

  const server = createServer({ keepAliveTimeout: 65_000 }, createHandler({ defaults, gauge, mix: faults, random }));
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    gauge.connectionOpened();
    sockets.add(socket);
    socket.once('close', () => {
      sockets.delete(socket);
      gauge.connectionClosed();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    port: address.port,
    stats: () => gauge.stats(),
    resetStats: () => gauge.reset(),
    close() {
      // Resolves once the listener and every socket are closed. Destroying the sockets is what ends hanging,
      // dripping and endless answers; their timers are cleared by the 'close' events this triggers.
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

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { writeBody } from './body.js';
import { createGauge, type ServerStats } from './gauge.js';
import { DEFAULT_SETTINGS, type ResponseSettings, settingsFromQuery } from './settings.js';

export interface FixtureServerOptions extends Partial<ResponseSettings> {
  /** Loopback only by default; benchmarks must not listen on the network. */
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
}

export interface FixtureServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  stats(): ServerStats;
  resetStats(): void;
  /** Closes the listener and every connection, keep-alive ones included. */
  close(): Promise<void>;
}

/** Control routes, not counted as requests. */
export const STATS_PATH = '/__fanout/stats';
export const RESET_PATH = '/__fanout/reset';

export async function startFixtureServer(options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const { host = '127.0.0.1', port = 0, ...overrides } = options;
  const defaults: ResponseSettings = { ...DEFAULT_SETTINGS, ...overrides };
  const gauge = createGauge();

  const answer = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://fixture');
    if (url.pathname === STATS_PATH || url.pathname === RESET_PATH) {
      if (url.pathname === RESET_PATH) gauge.reset();
      json(response, 200, gauge.stats());
      return;
    }
    gauge.requestStarted();
    let ended = false;
    response.once('close', () => {
      if (!ended) gauge.requestEnded();
      ended = true;
    });
    const settings = settingsFromQuery(url.searchParams, defaults);
    if ('error' in settings) {
      json(response, 400, { error: settings.error });
      return;
    }
    const delay = settings.latencyMs + (settings.jitterMs > 0 ? Math.random() * settings.jitterMs : 0);
    const respond = () => {
      response.writeHead(settings.status, {
        'content-type': 'application/octet-stream',
        'content-length': String(settings.sizeBytes),
      });
      writeBody(response, settings.sizeBytes);
    };
    if (delay <= 0) {
      respond();
      return;
    }
    const timer = setTimeout(respond, delay);
    response.once('close', () => clearTimeout(timer));
  };

  const server = createServer({ keepAliveTimeout: 65_000 }, answer);
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
      // Resolves once the listener and every socket (keep-alive ones included) are closed.
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

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

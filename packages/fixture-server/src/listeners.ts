import { createServer as createHttpServer, type RequestListener } from 'node:http';
import { createSecureServer } from 'node:http2';
import { createServer as createHttpsServer } from 'node:https';
import type { Server, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Gauge } from './gauge.js';
import type { FixtureRequest, FixtureResponse } from './handler.js';
import type { TlsMaterial } from './tls-material.js';

export interface ListenConfig {
  readonly handler: (request: FixtureRequest, response: FixtureResponse) => void;
  readonly material: TlsMaterial | undefined;
  readonly http2: boolean;
  readonly gauge: Gauge;
  readonly host: string;
  readonly port: number;
}

// Longer than any client's idle timeout, so the client, not the server, decides when a kept-alive connection ends.
const KEEP_ALIVE_MS = 65_000;
/** What nginx allows by default (128); Node's own default is unlimited, which no real server offers. */
const MAX_CONCURRENT_STREAMS = 128;

/**
 * Makes the plain, TLS or HTTP/2 server, counts its connections, handshakes and sessions, and listens.
 * `onSocket` sees every TCP socket (before TLS), so the caller can close them all and reset them.
 */
export async function listen(config: ListenConfig, onSocket: (socket: Socket) => void): Promise<Server> {
  const { handler, material, http2, gauge, host, port } = config;
  const server = makeServer(handler, material, http2);
  server.on('connection', (socket: Socket) => {
    gauge.connectionOpened();
    onSocket(socket);
    socket.once('close', () => gauge.connectionClosed());
  });
  server.on('secureConnection', (socket: TLSSocket) => gauge.tlsHandshake(socket.isSessionReused()));
  server.on('session', (session: { once(event: 'close', listener: () => void): unknown }) => {
    gauge.sessionOpened();
    session.once('close', () => gauge.sessionClosed());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

function makeServer(handler: ListenConfig['handler'], material: TlsMaterial | undefined, http2: boolean): Server {
  // The handler takes either protocol's request and response; each server hands it its own.
  const listener = handler as RequestListener;
  if (material === undefined) return createHttpServer({ keepAliveTimeout: KEEP_ALIVE_MS }, listener);
  const { key, cert } = material;
  if (!http2) {
    return createHttpsServer({ key, cert, ALPNProtocols: ['http/1.1'], keepAliveTimeout: KEEP_ALIVE_MS }, listener);
  }
  return createSecureServer(
    { key, cert, allowHTTP1: true, settings: { maxConcurrentStreams: MAX_CONCURRENT_STREAMS } },
    handler,
  );
}

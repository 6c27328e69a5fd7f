import type { SecureContext } from 'node:tls';
import { buildConnector, Client, type Dispatcher, Pool } from 'undici';
import type { HttpProtocol } from '../contract.js';
import { trustingContext } from '../trust.js';

export interface OriginSettings {
  /** Most requests in flight per origin: HTTP/1.1 connections, or HTTP/2 streams over fewer connections. */
  readonly connections: number;
  /** undici's own idle-socket limits act only as a backstop behind the ticket's deadline. */
  readonly timeoutMs: number;
  /** Extra CA certificates (PEM), trusted beside Node's default roots. */
  readonly ca?: string | undefined;
  /** Offer h2 through ALPN on HTTPS origins. */
  readonly http2?: boolean;
}

/**
 * Streams per HTTP/2 connection. A server may allow fewer or more (Apache and RFC 9113's advice 100, nginx 128,
 * Go 250, Node unlimited): 100 is the number every common server accepts, so more in flight opens another
 * connection instead of waiting on the server's limit.
 */
export const STREAMS_PER_CONNECTION = 100;

/** One origin's connections, and the protocol every connection to it negotiated so far. */
export interface Origin {
  /** The dispatcher that takes this origin's requests now (replaced once if the server refuses h2). */
  dispatcher: Dispatcher;
  /** What ALPN chose on every connection so far; `undefined` before the first or when connections disagreed. */
  protocol: HttpProtocol | undefined;
  /** Connections made to it so far. */
  connections: number;
}

export interface Origins {
  /** The origin's state, made on its first request. */
  get(origin: string): Origin;
  /** Closes every connection. Idempotent. */
  close(): Promise<void>;
}

/**
 * Connections per origin for every client of the core transport (the counting handler and fetch alike):
 * one undici Pool per origin, trusting `ca` beside the default roots, offering h2 when asked.
 *
 * With HTTP/1.1 a request needs a connection of its own, so the pool opens up to `connections`. With HTTP/2 a
 * connection carries up to STREAMS_PER_CONNECTION requests at once, so an h2 origin gets a pool of
 * ⌈connections ÷ 100⌉ connections, each letting as many streams run as its share (undici counts streams against
 * `pipelining`, set per connection once ALPN has answered). Offering h2 is not asking for it: a server that answers
 * http/1.1 gets a pool of `connections` HTTP/1.1 connections from then on (the requests already queued on the
 * small pool finish there), and the results say which protocol carried them.
 */
export function createOrigins(settings: OriginSettings): Origins {
  const origins = new Map<string, Origin>();
  const backstop = settings.timeoutMs + 1000;
  let context: SecureContext | undefined;
  let closing: Promise<void> | undefined;
  const retired: Dispatcher[] = [];

  const connectOptions = (): { secureContext?: SecureContext } => {
    if (settings.ca === undefined) return {};
    context ??= trustingContext(settings.ca);
    return { secureContext: context };
  };

  const noted = (origin: Origin, protocol: HttpProtocol) => {
    if (origin.connections === 0) origin.protocol = protocol;
    else if (origin.protocol !== protocol) origin.protocol = undefined;
    origin.connections += 1;
  };

  const http1Pool = (name: string, origin: Origin): Pool => {
    const connector = buildConnector({ ...connectOptions() });
    return new Pool(name, {
      connections: settings.connections,
      pipelining: 1,
      headersTimeout: backstop,
      bodyTimeout: backstop,
      // Over plain HTTP nothing is negotiated: the one protocol is HTTP/1.1.
      connect: (options, callback) =>
        connector(options, (error, socket) => {
          if (error === null) noted(origin, 'http/1.1');
          callback(error, socket as never);
        }),
    });
  };

  const http2Pool = (name: string, origin: Origin): Pool => {
    const streams = Math.min(settings.connections, STREAMS_PER_CONNECTION);
    const connector = buildConnector({ ...connectOptions(), allowH2: true });
    return new Pool(name, {
      connections: Math.ceil(settings.connections / streams),
      headersTimeout: backstop,
      bodyTimeout: backstop,
      allowH2: true,
      factory: (url, options) => {
        const client: Client = new Client(url, {
          ...(options as Client.Options),
          pipelining: 1,
          connect: (connectOptions, callback) =>
            connector(connectOptions, (error, socket) => {
              if (error === null) {
                const h2 = (socket as { alpnProtocol?: unknown }).alpnProtocol === 'h2';
                const first = origin.connections === 0;
                noted(origin, h2 ? 'h2' : 'http/1.1');
                if (h2) client.pipelining = streams;
                else if (first) fallBack(name, origin);
              }
              callback(error, socket as never);
            }),
        });
        return client;
      },
    });
  };

  // The server chose HTTP/1.1: this origin's requests go to a pool with a connection per request in flight.
  const fallBack = (name: string, origin: Origin) => {
    retired.push(origin.dispatcher);
    origin.dispatcher = http1Pool(name, origin);
  };

  return {
    get(name) {
      let origin = origins.get(name);
      if (origin === undefined) {
        const state: Origin = { dispatcher: undefined as unknown as Dispatcher, protocol: undefined, connections: 0 };
        const offerH2 = settings.http2 === true && name.startsWith('https:');
        state.dispatcher = offerH2 ? http2Pool(name, state) : http1Pool(name, state);
        origins.set(name, state);
        origin = state;
      }
      return origin;
    },
    close() {
      closing ??= Promise.all(
        [...origins.values(), ...retired.map((dispatcher) => ({ dispatcher }))].map(({ dispatcher }) =>
          dispatcher.close(),
        ),
      ).then(() => undefined);
      return closing;
    },
  };
}

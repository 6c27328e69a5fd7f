import type { SecureContext } from 'node:tls';
import { buildConnector, Client, type Dispatcher, Pool } from 'undici';
import type { HttpProtocol } from '../contract.js';
import { h2Layout, STREAMS_PER_CONNECTION } from '../h2-layout.js';
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

/** One origin's connections, and the protocol every connection to it negotiated so far. */
export interface Origin {
  /** The dispatcher that takes this origin's requests (HTTP/1.1 pool, or HTTP/2 pool once ALPN chose h2). */
  dispatcher: Dispatcher;
  /** What ALPN chose on every connection so far; `undefined` before the first or when connections disagreed. */
  protocol: HttpProtocol | undefined;
  /** Connections made to it so far. */
  connections: number;
  /**
   * While h2 is offered and the first connection's ALPN answer is not in: settles once it is (or the connection
   * failed). Requests other than the first wait on it, so they go to the pool the answer calls for.
   */
  alpn: Promise<void> | undefined;
  /** True once the first request went ahead to open the connection that answers. */
  probing: boolean;
  /** Settles `alpn` (the answer came, the connection failed, or the first request ended without one). */
  release: () => void;
}

export interface Origins {
  /** The origin's state, made on its first request. */
  get(origin: string): Origin;
  /** Closes every connection. Idempotent. */
  close(): Promise<void>;
}

/**
 * Whether this request is the one that opens the connection whose ALPN answer decides (true, and it goes now; it
 * must call `origin.release()` once it settled, so that waiters never outlive it), or must wait on `origin.alpn`.
 */
export function claimProbe(origin: Origin): boolean {
  if (origin.probing) return false;
  origin.probing = true;
  return true;
}

/**
 * Connections per origin for every client of the core transport (the counting handler and fetch alike):
 * one undici Pool per origin, trusting `ca` beside the default roots, offering h2 when asked.
 *
 * With HTTP/1.1 a request needs a connection of its own, so the pool opens up to `connections`. With HTTP/2 a
 * connection carries many requests at once, so an h2 origin gets ⌈connections ÷ 100⌉ connections whose stream
 * budgets add up to `connections` exactly (undici counts streams against a client's `pipelining`, set per
 * connection once ALPN has answered): the cap on requests in flight per origin holds over both protocols.
 * Offering h2 is not asking for it: the first request's connection asks, the others wait for its answer (one
 * handshake), then go to an HTTP/2 pool or, when the server chose http/1.1, to a pool of `connections` HTTP/1.1
 * connections; the results say which protocol carried them.
 */
export function createOrigins(settings: OriginSettings): Origins {
  const origins = new Map<string, Origin>();
  const backstop = settings.timeoutMs + 1000;
  let context: SecureContext | undefined;
  let closing: Promise<void> | undefined;
  const retired: Promise<void>[] = [];

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

  const http2Pool = (name: string, origin: Origin, settle: () => void): Pool => {
    const connector = buildConnector({ ...connectOptions(), allowH2: true });
    // Each connected client's share of the streams, so that all of them together allow `connections` at once.
    const budgets = new Map<Client, number>();
    const pool = new Pool(name, {
      connections: h2Layout(settings.connections).connections,
      headersTimeout: backstop,
      bodyTimeout: backstop,
      allowH2: true,
      factory: (url, options) => {
        const client: Client = new Client(url, {
          ...(options as Client.Options),
          pipelining: 1,
          connect: (connectOptions, callback) =>
            connector(connectOptions, (error, socket) => {
              const h2 = error === null && (socket as { alpnProtocol?: unknown }).alpnProtocol === 'h2';
              if (error === null) {
                const first = origin.connections === 0;
                noted(origin, h2 ? 'h2' : 'http/1.1');
                budgets.delete(client);
                const used = [...budgets.values()].reduce((sum, budget) => sum + budget, 0);
                const budget = h2 ? Math.max(1, Math.min(STREAMS_PER_CONNECTION, settings.connections - used)) : 1;
                budgets.set(client, budget);
                client.pipelining = budget;
                if (first && !h2) origin.dispatcher = http1Pool(name, origin);
              }
              // Over h2 the waiters join the first request's connection at once. Over HTTP/1.1 they wait until
              // the first request is done (it releases them), so the new pool and this connection together never
              // carry more than `connections` requests; a failed connect lets them try (and fail) on their own.
              if (error !== null || h2) settle();
              callback(error, socket as never);
            }),
        });
        return client;
      },
    });
    // A client that could not connect is dropped by the pool: its share goes back.
    pool.on('connectionError', (_origin, targets) => {
      for (const target of targets) if (target instanceof Client) budgets.delete(target);
    });
    return pool;
  };

  const make = (name: string): Origin => {
    const origin: Origin = {
      dispatcher: undefined as never,
      protocol: undefined,
      connections: 0,
      alpn: undefined,
      probing: false,
      release: () => {},
    };
    if (settings.http2 !== true || !name.startsWith('https:')) {
      origin.dispatcher = http1Pool(name, origin);
      return origin;
    }
    origin.alpn = new Promise<void>((resolve) => {
      origin.release = () => {
        if (origin.alpn === undefined) return;
        origin.alpn = undefined;
        resolve();
      };
    });
    const probe = http2Pool(name, origin, () => origin.release());
    origin.dispatcher = probe;
    // The server chose HTTP/1.1: once the first request is done, its connection (the probe pool's one) closes.
    void origin.alpn.then(() => {
      if (origin.dispatcher !== probe) retired.push(probe.close());
    });
    return origin;
  };

  return {
    get(name) {
      let origin = origins.get(name);
      if (origin === undefined) {
        origin = make(name);
        origins.set(name, origin);
      }
      return origin;
    },
    close() {
      closing ??= Promise.all([...[...origins.values()].map((origin) => origin.dispatcher.close()), ...retired]).then(
        () => undefined,
      );
      return closing;
    },
  };
}

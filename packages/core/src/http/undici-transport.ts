import { type Dispatcher, Pool } from 'undici';
import type { Ticket } from './in-flight.js';
import { type Answer, BodyTooLargeError, CancelledError, type Transport } from './transport.js';

export interface PoolTransportOptions {
  /** Connections per origin (the strategy's concurrency). */
  readonly connections: number;
  /** undici's own idle-socket limits act only as a backstop behind the ticket's deadline. */
  readonly timeoutMs: number;
}

interface Target {
  readonly origin: string;
  readonly path: string;
}

// A batch cycles through few URLs; the cache is dropped rather than grown past this.
const MAX_CACHED_URLS = 10_000;

/**
 * undici at its cheapest: one `Pool` per origin, each distinct URL parsed once,
 * and `dispatch` with a handler that counts body chunks as they arrive (no
 * Readable stream, no async iteration, no AbortController per request).
 */
export function poolTransport(options: PoolTransportOptions): Transport {
  const pools = new Map<string, Pool>();
  const targets = new Map<string, Target>();
  const backstop = options.timeoutMs + 1000;
  let closed: Promise<void> | undefined;

  const poolFor = (origin: string): Pool => {
    let pool = pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, {
        connections: options.connections,
        pipelining: 1,
        headersTimeout: backstop,
        bodyTimeout: backstop,
      });
      pools.set(origin, pool);
    }
    return pool;
  };
  const targetOf = (url: string): Target => {
    let target = targets.get(url);
    if (target === undefined) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      if (targets.size >= MAX_CACHED_URLS) targets.clear();
      targets.set(url, target);
    }
    return target;
  };

  return {
    send(url, ticket, maxBodyBytes) {
      const { origin, path } = targetOf(url);
      return new Promise<Answer>((resolve, reject) => {
        poolFor(origin).dispatch(
          { origin, path, method: 'GET' },
          countingHandler(ticket, maxBodyBytes, resolve, reject),
        );
      });
    },
    close() {
      closed ??= Promise.all([...pools.values()].map((pool) => pool.close())).then(() => undefined);
      return closed;
    },
  };
}

function countingHandler(
  ticket: Ticket,
  maxBodyBytes: number,
  resolve: (answer: Answer) => void,
  reject: (error: Error) => void,
): Dispatcher.DispatchHandler {
  let status = 0;
  let location: string | undefined;
  return {
    onRequestStart(controller) {
      ticket.cancel = () => controller.abort(new CancelledError('cancelled'));
      if (ticket.reason !== undefined) ticket.cancel();
    },
    onResponseStart(_controller, statusCode, headers) {
      status = statusCode;
      const header = headers.location;
      location = Array.isArray(header) ? header[0] : header;
      ticket.midBody = true;
    },
    onResponseData(controller, chunk) {
      ticket.bytes += chunk.length;
      ticket.chunks?.push(chunk);
      if (ticket.bytes > maxBodyBytes && !ticket.tooLarge) {
        ticket.tooLarge = true;
        controller.abort(new BodyTooLargeError(`body exceeded ${maxBodyBytes} bytes`));
      }
    },
    onResponseEnd() {
      ticket.cancel = undefined;
      resolve({ status, location });
    },
    onResponseError(_controller, error) {
      ticket.cancel = undefined;
      reject(error);
    },
  };
}

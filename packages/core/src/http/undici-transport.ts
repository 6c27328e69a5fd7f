import { type Dispatcher, Pool } from 'undici';
import type { Canceller, Ticket } from './in-flight.js';
import { type Answer, BodyTooLargeError, CancelledError, type Transport } from './transport.js';

export interface PoolTransportOptions {
  /** Connections per origin (the strategy's concurrency). */
  readonly connections: number;
  /** undici's own idle-socket limits act only as a backstop behind the ticket's deadline. */
  readonly timeoutMs: number;
}

interface Target {
  readonly pool: Pool;
  /** The dispatch options, made once per URL: undici's Request copies their fields and never keeps or changes them. */
  readonly options: Readonly<Dispatcher.DispatchOptions>;
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
      const { origin, pathname, search } = new URL(url);
      const options = Object.freeze({ origin, path: `${pathname}${search}`, method: 'GET' as const });
      target = { pool: poolFor(origin), options };
      if (targets.size >= MAX_CACHED_URLS) targets.clear();
      targets.set(url, target);
    }
    return target;
  };

  return {
    send(url, ticket, maxBodyBytes) {
      const { pool, options } = targetOf(url);
      return new Promise<Answer>((resolve, reject) => {
        pool.dispatch(options, new CountingHandler(ticket, maxBodyBytes, resolve, reject));
      });
    },
    close() {
      closed ??= Promise.all([...pools.values()].map((pool) => pool.close())).then(() => undefined);
      return closed;
    },
  };
}

/**
 * What undici calls back for one request: counts the body into the ticket and settles the send's promise with
 * itself (status and Location).
 *
 * A class, not an object literal, on purpose. V8 keeps an "allocation site" per object literal and may decide, at
 * one scavenge early in a process, that the literal's objects live long ("pretenuring"): from then on every one is
 * allocated in the old generation, and the decision is never revisited. A handler is garbage as soon as its response
 * ends, but an old one stays until the next full collection and, in between, keeps everything young it points at
 * (its promise, the job's async frames, undici's controller and header arrays) alive through every scavenge: about
 * 1.2 KB promoted per request, scavenges three to five times longer and a mark-compact every batch. Some point
 * processes took that decision during their warm-up and ran 20-50% slower than others for their whole life
 * (docs/performance.md, "Same point, same cost"). An object made by `new` carries no allocation memento, so a
 * handler always starts young, and its methods live once on the prototype instead of five closures per request.
 */
class CountingHandler implements Dispatcher.DispatchHandler, Answer, Canceller {
  // The handler is its own answer: one object less per request.
  status = 0;
  location: string | undefined = undefined;
  private readonly ticket: Ticket;
  private readonly maxBodyBytes: number;
  private readonly resolve: (answer: Answer) => void;
  private readonly reject: (error: Error) => void;
  private controller: Dispatcher.DispatchController | undefined = undefined;

  constructor(ticket: Ticket, maxBodyBytes: number, resolve: (answer: Answer) => void, reject: (error: Error) => void) {
    this.ticket = ticket;
    this.maxBodyBytes = maxBodyBytes;
    this.resolve = resolve;
    this.reject = reject;
  }

  cancel(): void {
    this.controller?.abort(new CancelledError('cancelled'));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    this.ticket.canceller = this;
    if (this.ticket.reason !== undefined) this.cancel();
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Record<string, string | string[] | undefined>,
  ): void {
    this.status = statusCode;
    const header = headers.location;
    this.location = Array.isArray(header) ? header[0] : header;
    this.ticket.midBody = true;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    const ticket = this.ticket;
    ticket.bytes += chunk.length;
    ticket.chunks?.push(chunk);
    if (ticket.bytes > this.maxBodyBytes && !ticket.tooLarge) {
      ticket.tooLarge = true;
      controller.abort(new BodyTooLargeError(`body exceeded ${this.maxBodyBytes} bytes`));
    }
  }

  onResponseEnd(): void {
    this.ticket.canceller = undefined;
    this.resolve(this);
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.ticket.canceller = undefined;
    this.reject(error);
  }
}

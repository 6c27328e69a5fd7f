import type { Dispatcher } from 'undici';
import type { AcceptEncoding } from '../contract.js';
import { DecodeError, decodeBody, isIdentity } from './decode.js';
import type { Canceller, Ticket } from './in-flight.js';
import { claimProbe, createOrigins, type Origin, type OriginSettings } from './origins.js';
import { type Answer, BodyTooLargeError, CancelledError, type Transport } from './transport.js';

export interface PoolTransportOptions extends OriginSettings {
  /** The coding asked for in Accept-Encoding; default 'identity' (no header: the server's default, identity). */
  readonly acceptEncoding?: AcceptEncoding;
}

interface Encoded {
  readonly coding: string;
  readonly wire: Buffer[];
}

interface Target {
  readonly origin: Origin;
  /** The dispatch options, made once per URL: undici's Request copies their fields and never keeps or changes them. */
  readonly options: Readonly<Dispatcher.DispatchOptions>;
}

// A batch cycles through few URLs; the cache is dropped rather than grown past this.
const MAX_CACHED_URLS = 10_000;

/**
 * undici at its cheapest: one `Pool` per origin (origins.ts: CA trust, HTTP/2), each distinct URL parsed once,
 * and `dispatch` with a handler that counts body chunks as they arrive (no Readable stream, no async iteration,
 * no AbortController per request). Asking for a coding adds one header; an encoded answer is decoded at its end.
 */
export function poolTransport(options: PoolTransportOptions): Transport {
  const origins = createOrigins(options);
  const targets = new Map<string, Target>();
  const encoding = options.acceptEncoding ?? 'identity';
  // No header for identity: without one a server sends identity (RFC 9110 §12.5.3 allows any coding, but servers
  // compress only when asked), and the request stays the bare dispatch loop's byte for byte.
  const headers = encoding === 'identity' ? undefined : Object.freeze({ 'accept-encoding': encoding });
  // Results name their protocol only when more than one was offered.
  const offersH2 = options.http2 === true;

  const targetOf = (url: string): Target => {
    let target = targets.get(url);
    if (target === undefined) {
      const { origin, pathname, search } = new URL(url);
      const path = `${pathname}${search}`;
      const options = Object.freeze(
        headers === undefined
          ? { origin, path, method: 'GET' as const }
          : { origin, path, method: 'GET' as const, headers },
      );
      target = { origin: origins.get(origin), options };
      if (targets.size >= MAX_CACHED_URLS) targets.clear();
      targets.set(url, target);
    }
    return target;
  };

  const dispatch = ({ origin, options }: Target, ticket: Ticket, maxBodyBytes: number) =>
    new Promise<Answer>((resolve, reject) => {
      origin.dispatcher.dispatch(
        options,
        new CountingHandler(ticket, maxBodyBytes, offersH2 ? origin : undefined, resolve, reject),
      );
    });

  /** The first request opens the connection that answers; the others wait for it, cancellable meanwhile. */
  const afterAlpn = (target: Target, ticket: Ticket, maxBodyBytes: number): Promise<Answer> => {
    const { origin } = target;
    if (claimProbe(origin)) return dispatch(target, ticket, maxBodyBytes).finally(origin.release);
    return new Promise<Answer>((resolve, reject) => {
      let cancelled = false;
      const waiting: Canceller = {
        cancel: () => {
          cancelled = true;
          reject(new CancelledError('cancelled'));
        },
      };
      ticket.canceller = waiting;
      if (ticket.reason !== undefined) return waiting.cancel();
      void (origin.alpn ?? Promise.resolve()).then(() => {
        if (cancelled) return;
        ticket.canceller = undefined;
        dispatch(target, ticket, maxBodyBytes).then(resolve, reject);
      });
    });
  };

  return {
    send(url, ticket, maxBodyBytes) {
      const target = targetOf(url);
      // Only while an origin offered h2 waits for its first ALPN answer; the plain path reads one field.
      if (target.origin.alpn !== undefined) return afterAlpn(target, ticket, maxBodyBytes);
      return dispatch(target, ticket, maxBodyBytes);
    },
    close: () => origins.close(),
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
  /** Set when the transport offered h2: the origin's negotiated protocol goes on the ticket with the answer. */
  private readonly origin: Origin | undefined;
  /** An encoded answer's Content-Encoding and wire chunks, kept to decode at the end; undefined for identity. */
  private encoded: Encoded | undefined = undefined;
  private readonly resolve: (answer: Answer) => void;
  private readonly reject: (error: Error) => void;
  private controller: Dispatcher.DispatchController | undefined = undefined;

  constructor(
    ticket: Ticket,
    maxBodyBytes: number,
    origin: Origin | undefined,
    resolve: (answer: Answer) => void,
    reject: (error: Error) => void,
  ) {
    this.ticket = ticket;
    this.maxBodyBytes = maxBodyBytes;
    this.origin = origin;
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
    const coding = headers['content-encoding'];
    if (coding !== undefined) this.expectEncoded(Array.isArray(coding) ? coding.join(',') : coding);
  }

  /** Only an encoded answer comes here: the plain path pays one property read per response for it. */
  private expectEncoded(coding: string): void {
    if (isIdentity(coding)) return;
    this.encoded = { coding, wire: [] };
    this.ticket.wireBytes = 0;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.encoded !== undefined) {
      this.keepWire(this.encoded, controller, chunk);
      return;
    }
    const ticket = this.ticket;
    ticket.bytes += chunk.length;
    ticket.chunks?.push(chunk);
    if (ticket.bytes > this.maxBodyBytes && !ticket.tooLarge) {
      ticket.tooLarge = true;
      controller.abort(new BodyTooLargeError(`body exceeded ${this.maxBodyBytes} bytes`));
    }
  }

  /** An encoded body's chunk: kept to decode at the end, counted as wire bytes, held to the same limit. */
  private keepWire(encoded: Encoded, controller: Dispatcher.DispatchController, chunk: Buffer): void {
    const ticket = this.ticket;
    const wireBytes = (ticket.wireBytes ?? 0) + chunk.length;
    ticket.wireBytes = wireBytes;
    encoded.wire.push(chunk);
    if (wireBytes > this.maxBodyBytes && !ticket.tooLarge) {
      ticket.tooLarge = true;
      controller.abort(new BodyTooLargeError(`body exceeded ${this.maxBodyBytes} bytes on the wire`));
    }
  }

  onResponseEnd(): void {
    const ticket = this.ticket;
    ticket.canceller = undefined;
    if (this.origin !== undefined) ticket.protocol = this.origin.protocol;
    if (this.encoded !== undefined && !this.decode(this.encoded)) return;
    this.resolve(this);
  }

  /** Decodes the kept wire bytes into the ticket (bytes, chunks); false, having rejected, when they do not decode. */
  private decode(encoded: Encoded): boolean {
    const ticket = this.ticket;
    try {
      const body = decodeBody(encoded.coding, encoded.wire, this.maxBodyBytes);
      this.encoded = undefined;
      ticket.bytes = body.length;
      ticket.chunks?.push(body);
      return true;
    } catch (error) {
      if (error instanceof BodyTooLargeError) ticket.tooLarge = true;
      this.reject(
        error instanceof DecodeError || error instanceof BodyTooLargeError ? error : new DecodeError(String(error)),
      );
      return false;
    }
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.ticket.canceller = undefined;
    this.reject(error);
  }
}

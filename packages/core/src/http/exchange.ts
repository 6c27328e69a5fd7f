import type { HttpProtocol } from '../contract.js';
import type { Ticket } from './in-flight.js';
import { type Answer, BodyTooLargeError, CancelledError, type Transport } from './transport.js';

/** What any HTTP client gives back: a status, the Location header, and a body to read. */
export interface ExchangeResponse {
  readonly status: number;
  readonly location?: string | undefined;
  readonly body: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> | null;
  /** The protocol that carried the answer, when the client offered more than one (JobSuccess.protocol). */
  readonly protocol?: HttpProtocol;
}

/** Sends one GET for `url` without following redirects; must honour `signal`. */
export type Exchange = (url: string, signal: AbortSignal) => Promise<ExchangeResponse>;

/**
 * Any client that takes an AbortSignal (WHATWG fetch, got, axios…) as a
 * Transport. Such clients need their own AbortController per request; the
 * deadline is still the runner's one shared timer.
 */
export function exchangeTransport(exchange: Exchange, close: () => Promise<void> = async () => {}): Transport {
  return {
    async send(url, ticket, maxBodyBytes) {
      const controller = new AbortController();
      const canceller = { cancel: () => controller.abort(new CancelledError('cancelled')) };
      ticket.canceller = canceller;
      if (ticket.reason !== undefined) canceller.cancel();
      try {
        const response = await exchange(url, controller.signal);
        ticket.midBody = true;
        if (response.protocol !== undefined) ticket.protocol = response.protocol;
        await countBody(response.body, ticket, maxBodyBytes);
        return { status: response.status, location: response.location ?? undefined } satisfies Answer;
      } finally {
        ticket.canceller = undefined;
      }
    },
    close,
  };
}

async function countBody(body: ExchangeResponse['body'], ticket: Ticket, maxBodyBytes: number): Promise<void> {
  if (body === null) return;
  if ('getReader' in body) {
    // A web stream read directly: cheaper than its async iterator.
    const reader = body.getReader();
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        ticket.bytes += chunk.value.byteLength;
        ticket.chunks?.push(chunk.value);
        if (ticket.bytes > maxBodyBytes) throw tooLarge(ticket, maxBodyBytes);
      }
    } catch (error) {
      // Stop the download, not just the reading of it.
      await reader.cancel().catch(() => undefined);
      throw error;
    }
    return;
  }
  for await (const chunk of body) {
    ticket.bytes += chunk.byteLength;
    ticket.chunks?.push(chunk);
    if (ticket.bytes > maxBodyBytes) throw tooLarge(ticket, maxBodyBytes);
  }
}

function tooLarge(ticket: Ticket, maxBodyBytes: number): BodyTooLargeError {
  ticket.tooLarge = true;
  ticket.canceller?.cancel();
  return new BodyTooLargeError(`body exceeded ${maxBodyBytes} bytes`);
}

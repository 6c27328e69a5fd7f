import { systemClock } from '../clock.js';
import type { HttpProtocol } from '../contract.js';
import type { AbortReason } from './classify.js';

/**
 * One attempt in flight: what its transport reports as it goes (bytes, whether
 * the headers came), and how to cancel it. Plain fields, no closures per
 * request: the transport's canceller is an object it already has.
 */
export interface Ticket {
  /** systemClock.now() after which the attempt is overdue. */
  readonly deadline: number;
  readonly signal: AbortSignal | undefined;
  /** Body bytes counted so far (of an encoded body: its decoded bytes, once decoded at the end). */
  bytes: number;
  /** Bytes of an encoded body as they came over the wire; undefined while the body is identity. */
  wireBytes: number | undefined;
  /** The protocol that carried the answer, when the transport offered more than one; else undefined. */
  protocol: HttpProtocol | undefined;
  /** True once the status line and headers arrived: a lost connection is then a truncated body. */
  midBody: boolean;
  /** When set, the transport keeps the body's chunks here (the mixed workload hashes them); else it only counts. */
  chunks: Uint8Array[] | undefined;
  /** Set by the transport when the body passed the limit. */
  tooLarge: boolean;
  /** Why the attempt was cancelled from outside (deadline or abort), if it was. */
  reason: AbortReason | undefined;
  /** Installed by the transport while the request is on the wire; cancels it. */
  canceller: Canceller | undefined;
}

/** What a transport installs on a ticket while its request is on the wire (an object, so no closure per request). */
export interface Canceller {
  cancel(): void;
}

export interface InFlight {
  /** Registers an attempt; its deadline is `timeoutMs` from `now` (systemClock.now(), which the caller may have read already). */
  open(signal: AbortSignal | undefined, keepBody?: boolean, now?: number): Ticket;
  /** Unregisters a finished attempt. */
  close(ticket: Ticket): void;
  /** Stops the timer; attempts still open are cancelled as aborted. */
  dispose(): void;
}

/**
 * A ticket is made by `new`, not as an object literal: V8 may pretenure a literal's objects for the rest of the
 * process from one unlucky collection early on (see CountingHandler in undici-transport.ts), and an old ticket is
 * written a young canceller on every request.
 */
class OpenTicket implements Ticket {
  readonly deadline: number;
  readonly signal: AbortSignal | undefined;
  bytes = 0;
  wireBytes: number | undefined = undefined;
  protocol: HttpProtocol | undefined = undefined;
  midBody = false;
  chunks: Uint8Array[] | undefined;
  tooLarge = false;
  reason: AbortReason | undefined;
  canceller: Canceller | undefined = undefined;

  constructor(deadline: number, signal: AbortSignal | undefined, keepBody: boolean, aborted: boolean) {
    this.deadline = deadline;
    this.signal = signal;
    this.chunks = keepBody ? [] : undefined;
    this.reason = aborted ? 'aborted' : undefined;
  }
}

/**
 * Deadlines and aborts for every attempt of one runner with ONE timer, not an
 * AbortController and a setTimeout per request. Every attempt has the same
 * timeout, so deadlines grow in insertion order: the timer only ever waits for
 * the oldest open attempt, and a sweep cancels from the front until it meets
 * one still in time. An outer signal gets one listener, however many
 * attempts share it.
 */
export function createInFlight(timeoutMs: number): InFlight {
  const open = new Set<Ticket>();
  const watched = new WeakSet<AbortSignal>();
  let timer: NodeJS.Timeout | undefined;

  const cancel = (ticket: Ticket, reason: AbortReason) => {
    if (ticket.reason !== undefined) return;
    ticket.reason = reason;
    ticket.canceller?.cancel();
  };
  const arm = (at: number) => {
    // Unref'd: in-flight sockets keep the process alive, an idle runner's timer must not.
    timer = setTimeout(sweep, Math.max(0, at - systemClock.now())).unref();
  };
  const sweep = () => {
    timer = undefined;
    const now = systemClock.now();
    for (const ticket of open) {
      if (ticket.deadline > now) return arm(ticket.deadline);
      open.delete(ticket);
      cancel(ticket, 'timeout');
    }
  };
  const watch = (signal: AbortSignal) => {
    watched.add(signal);
    signal.addEventListener(
      'abort',
      () => {
        for (const ticket of open) if (ticket.signal === signal) cancel(ticket, 'aborted');
      },
      { once: true },
    );
  };

  return {
    open(signal, keepBody = false, now = systemClock.now()) {
      if (signal !== undefined && !watched.has(signal)) watch(signal);
      const ticket = new OpenTicket(now + timeoutMs, signal, keepBody, signal?.aborted === true);
      open.add(ticket);
      if (timer === undefined) arm(ticket.deadline);
      return ticket;
    },
    close(ticket) {
      // The timer stays armed: clearing and re-arming it per request is the cost this saves. It fires
      // at most once per timeout on an empty set, and dispose() clears it.
      open.delete(ticket);
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      for (const ticket of open) cancel(ticket, 'aborted');
      open.clear();
    },
  };
}

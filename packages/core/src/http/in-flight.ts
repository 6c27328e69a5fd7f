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
  /** Its index in the runner's slots while open (createInFlight). */
  readonly slot: number;
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

  constructor(slot: number, deadline: number, signal: AbortSignal | undefined, keepBody: boolean, aborted: boolean) {
    this.slot = slot;
    this.deadline = deadline;
    this.signal = signal;
    this.chunks = keepBody ? [] : undefined;
    this.reason = aborted ? 'aborted' : undefined;
  }
}

/**
 * Deadlines and aborts for every attempt of one runner with ONE timer, not an AbortController and a setTimeout per
 * request. An outer signal gets one listener, however many attempts share it.
 *
 * Open tickets sit in numbered slots of one long-lived array, emptied when their attempt closes, and a freed slot is
 * reused: no object links one attempt's state to the next. A `Set` did, and made every ticket outlive its attempt:
 * V8 replaces a Set's table every few dozen additions and the table it leaves points to its successor (for live
 * iterators), so from one old table the whole chain of tables, and the tickets each held, survived every scavenge
 * until the next full collection: about 0.7 MB of tables and 1.7 MB of tickets a 20,000-job batch promoted, a
 * mark-compact in every fourth or fifth batch (docs/performance.md, "Same point, same cost", phase 5).
 *
 * Every attempt has the same timeout, so the timer waits for the earliest deadline still open; a sweep cancels what
 * is overdue and waits for the next one. Each sweep scans the slots (as many as attempts were ever open at once):
 * while requests answer in time that is about once per timeout; while they time out, once per millisecond that holds
 * a deadline (10,000 attempts open: a sweep of their slots took 14 µs here, at most one sweep a millisecond: 1.4% of
 * a core).
 */
export function createInFlight(timeoutMs: number): InFlight {
  const slots: (OpenTicket | undefined)[] = [];
  const free: number[] = [];
  const watched = new WeakSet<AbortSignal>();
  let open = 0;
  let timer: NodeJS.Timeout | undefined;

  const cancel = (ticket: Ticket, reason: AbortReason) => {
    if (ticket.reason !== undefined) return;
    ticket.reason = reason;
    ticket.canceller?.cancel();
  };
  const release = (ticket: OpenTicket) => {
    slots[ticket.slot] = undefined;
    free.push(ticket.slot);
    open -= 1;
  };
  const arm = (at: number) => {
    // Unref'd: in-flight sockets keep the process alive, an idle runner's timer must not.
    timer = setTimeout(sweep, Math.max(0, at - systemClock.now())).unref();
  };
  const sweep = () => {
    timer = undefined;
    const now = systemClock.now();
    let next = Number.POSITIVE_INFINITY;
    for (const ticket of slots) {
      if (ticket === undefined) continue;
      if (ticket.deadline > now) {
        next = Math.min(next, ticket.deadline);
        continue;
      }
      release(ticket);
      cancel(ticket, 'timeout');
    }
    if (open > 0) arm(next);
  };
  const watch = (signal: AbortSignal) => {
    watched.add(signal);
    signal.addEventListener(
      'abort',
      () => {
        for (const ticket of slots) if (ticket?.signal === signal) cancel(ticket, 'aborted');
      },
      { once: true },
    );
  };

  return {
    open(signal, keepBody = false, now = systemClock.now()) {
      if (signal !== undefined && !watched.has(signal)) watch(signal);
      const slot = free.pop() ?? slots.length;
      const ticket = new OpenTicket(slot, now + timeoutMs, signal, keepBody, signal?.aborted === true);
      slots[slot] = ticket;
      open += 1;
      if (timer === undefined) arm(ticket.deadline);
      return ticket;
    },
    close(ticket) {
      // The timer stays armed: clearing and re-arming it per request is the cost this saves. It fires at most once
      // per timeout with nothing open, and dispose() clears it. A ticket closed twice (or by a sweep) is not in its
      // slot any more.
      if (ticket instanceof OpenTicket && slots[ticket.slot] === ticket) release(ticket);
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      for (const ticket of slots) if (ticket !== undefined) cancel(ticket, 'aborted');
      slots.length = 0;
      free.length = 0;
      open = 0;
    },
  };
}

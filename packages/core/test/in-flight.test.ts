import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createInFlight, type Ticket } from '../src/http/index.js';

/** A ticket as a transport leaves it while its request is on the wire: a canceller that records the call. */
function onTheWire(ticket: Ticket): { cancelled: () => boolean } {
  let cancelled = false;
  ticket.canceller = {
    cancel: () => {
      cancelled = true;
    },
  };
  return { cancelled: () => cancelled };
}

// The deadline table alone (no HTTP: the conformance suite times out real requests against the fixture server).
describe('in-flight attempts: numbered slots, one timer', () => {
  it('cancels the overdue attempts as timed out and leaves the closed ones alone', async () => {
    const inFlight = createInFlight(30);
    try {
      const late = inFlight.open(undefined);
      const lateWire = onTheWire(late);
      const done = inFlight.open(undefined);
      const doneWire = onTheWire(done);
      inFlight.close(done);
      await sleep(150);
      expect(late.reason).toBe('timeout');
      expect(lateWire.cancelled()).toBe(true);
      expect(done.reason).toBeUndefined();
      expect(doneWire.cancelled()).toBe(false);
    } finally {
      inFlight.dispose();
    }
  });

  it('keeps sweeping: an attempt opened after a sweep still gets its deadline', async () => {
    const inFlight = createInFlight(30);
    try {
      const first = inFlight.open(undefined);
      await sleep(100);
      expect(first.reason).toBe('timeout');
      // The sweep found nothing else open and left the timer unarmed: this attempt arms it again.
      const second = inFlight.open(undefined);
      await sleep(150);
      expect(second.reason).toBe('timeout');
    } finally {
      inFlight.dispose();
    }
  });

  it('closing a ticket twice does not close the attempt that reused its slot', async () => {
    const inFlight = createInFlight(30);
    try {
      const first = inFlight.open(undefined);
      inFlight.close(first);
      const second = inFlight.open(undefined);
      inFlight.close(first);
      await sleep(150);
      expect(second.reason).toBe('timeout');
      expect(first.reason).toBeUndefined();
    } finally {
      inFlight.dispose();
    }
  });

  it('tracks hundreds of attempts that end out of order, as a batch does', async () => {
    const inFlight = createInFlight(60);
    try {
      const tickets = Array.from({ length: 300 }, () => inFlight.open(undefined));
      // Every third stays open; the rest end in an order unrelated to the one they started in.
      const ending = tickets.filter((_, index) => index % 3 !== 0).reverse();
      for (const ticket of ending) inFlight.close(ticket);
      const reopened = Array.from({ length: 50 }, () => inFlight.open(undefined));
      for (const ticket of reopened.slice(0, 25)) inFlight.close(ticket);
      await sleep(250);
      tickets.forEach((ticket, index) => {
        expect(ticket.reason).toBe(index % 3 === 0 ? 'timeout' : undefined);
      });
      reopened.forEach((ticket, index) => {
        expect(ticket.reason).toBe(index < 25 ? undefined : 'timeout');
      });
    } finally {
      inFlight.dispose();
    }
  });

  it('an outer signal cancels the attempts it was given to, as aborted; dispose cancels the rest', () => {
    const inFlight = createInFlight(60_000);
    const controller = new AbortController();
    const mine = inFlight.open(controller.signal);
    const mineWire = onTheWire(mine);
    const other = inFlight.open(undefined);
    const otherWire = onTheWire(other);
    controller.abort();
    expect(mine.reason).toBe('aborted');
    expect(mineWire.cancelled()).toBe(true);
    expect(other.reason).toBeUndefined();
    inFlight.dispose();
    expect(other.reason).toBe('aborted');
    expect(otherWire.cancelled()).toBe(true);
    const already = inFlight.open(controller.signal);
    expect(already.reason).toBe('aborted');
    inFlight.dispose();
  });
});

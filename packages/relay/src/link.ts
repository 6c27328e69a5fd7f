import type { Socket } from 'node:net';

/** How one direction of one connection behaves. */
export interface LinkConfig {
  /** One-way propagation delay: half the round trip, in ms. */
  readonly delayMs: number;
  /** Serialization rate in bytes per ms; undefined: no pacing. */
  readonly bytesPerMs: number | undefined;
  /** Nothing leaves before this moment (performance.now() time): the TCP handshake's share of the connection. */
  readonly notBefore: number;
}

/**
 * At most this many bytes are held per direction (queued in the relay plus unsent in the sink's buffer) before the
 * relay stops reading the sender: a fixed window, as a fully opened TCP receive window would be (Linux opens one up
 * to ~3-6 MiB). Without it a fast sender behind a long delay would fill the relay's memory.
 */
export const WINDOW_BYTES = 4 * 1024 * 1024;
/** With pacing, chunks are cut to this size, so bytes arrive spread over time rather than in one late lump. */
export const SLICE_BYTES = 16 * 1024;

type Item =
  | { readonly due: number; readonly kind: 'data'; readonly bytes: Buffer }
  | { readonly due: number; readonly kind: 'end' | 'reset' };

export interface Link {
  /** Bytes delivered to the sink. */
  delivered(): number;
  /** Drops whatever is queued and stops (the sink is gone). */
  stop(): void;
}

/**
 * Carries `source`'s bytes to `sink` as a network path would: each byte leaves no earlier than `notBefore`, waits
 * its turn on a link of `bytesPerMs` (when paced), then travels `delayMs`. A FIN travels the same way and becomes
 * `sink.end()`; a reset (the source's connection died with an error) becomes `sink.resetAndDestroy()`, behind the
 * bytes sent before it. Order is kept: every item is due no earlier than the one before it.
 */
export function createLink(source: Socket, sink: Socket, config: LinkConfig): Link {
  const { delayMs, bytesPerMs, notBefore } = config;
  const queue: Item[] = [];
  let queuedBytes = 0;
  let deliveredBytes = 0;
  let linkFreeAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let finished = false;

  const enqueue = (length: number, make: (due: number) => Item): void => {
    const ready = Math.max(performance.now(), notBefore, linkFreeAt);
    linkFreeAt = bytesPerMs === undefined ? ready : ready + length / bytesPerMs;
    queue.push(make(linkFreeAt + delayMs));
  };
  const full = (): boolean => queuedBytes + sink.writableLength > WINDOW_BYTES;
  const resumeIfRoom = (): void => {
    if (source.isPaused() && !full() && !stopped) source.resume();
  };
  const flush = (): void => {
    timer = undefined;
    const now = performance.now();
    while (queue.length > 0 && (queue[0] as Item).due <= now) {
      const item = queue.shift() as Item;
      if (sink.destroyed) continue;
      if (item.kind === 'data') {
        queuedBytes -= item.bytes.length;
        deliveredBytes += item.bytes.length;
        sink.write(item.bytes);
      } else if (item.kind === 'end') sink.end();
      else sink.resetAndDestroy();
    }
    schedule();
    resumeIfRoom();
  };
  function schedule(): void {
    const head = queue[0];
    if (timer !== undefined || head === undefined || stopped) return;
    // Timers may fire a little early by a finer clock; flush() checks and waits again for what is not yet due.
    timer = setTimeout(flush, Math.max(0, Math.ceil(head.due - performance.now())));
  }

  source.on('data', (chunk: Buffer) => {
    if (stopped) return;
    const step = bytesPerMs === undefined ? chunk.length : SLICE_BYTES;
    for (let offset = 0; offset < chunk.length; offset += step) {
      const bytes = chunk.subarray(offset, offset + step);
      queuedBytes += bytes.length;
      enqueue(bytes.length, (due) => ({ due, kind: 'data', bytes }));
    }
    if (full()) source.pause();
    schedule();
  });
  sink.on('drain', resumeIfRoom);
  source.once('end', () => {
    finished = true;
    enqueue(0, (due) => ({ due, kind: 'end' }));
    schedule();
  });
  // A connection that closes without a clean FIN first (ECONNRESET, or destroyed) is passed on as a reset.
  source.once('close', () => {
    if (finished || stopped) return;
    enqueue(0, (due) => ({ due, kind: 'reset' }));
    schedule();
  });
  return {
    delivered: () => deliveredBytes,
    stop() {
      stopped = true;
      clearTimeout(timer);
      queue.length = 0;
    },
  };
}

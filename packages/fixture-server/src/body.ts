import type { ServerResponse } from 'node:http';
import type { Writable } from 'node:stream';

const CHUNK = Buffer.alloc(64 * 1024, 'x');

/** The body filler, shared so that bodies of any size, endless ones included, cost no memory per request. */
export function bodyChunk(length: number = CHUNK.length): Buffer {
  return length === CHUNK.length ? CHUNK : CHUNK.subarray(0, length);
}

/** Headers of a body of `size` bytes; the length is always announced, even by faults that then break it. */
export function sizedHeaders(size: number): Record<string, string> {
  return { 'content-type': 'application/octet-stream', 'content-length': String(size) };
}

/**
 * False when HTTP forbids a body (HEAD, 1xx, 204, 304): Node then drops every write while reporting success,
 * so a fault that streams forever would spin instead of waiting for backpressure.
 */
export function mayHaveBody(method: string | undefined, status: number): boolean {
  return method !== 'HEAD' && status >= 200 && status !== 204 && status !== 304;
}

/** Writes `size` bytes in 64 KiB chunks, honouring backpressure; bodies are never held whole. */
export function writeBody(response: ServerResponse, size: number): void {
  writeBytes(response, size, () => response.end());
}

/**
 * Writes `count` bytes to `sink` (a response or a raw socket) in 64 KiB chunks, waiting for 'drain' when
 * asked to, then calls `done` once the last chunk is handed over. Stops silently if the sink is destroyed
 * (the client went away), since nobody is left to read the rest.
 */
export function writeBytes(sink: Writable, count: number, done: () => void): void {
  let remaining = count;
  const pump = (): void => {
    while (remaining > 0) {
      if (sink.destroyed) return;
      const length = Math.min(remaining, CHUNK.length);
      remaining -= length;
      if (!sink.write(bodyChunk(length)) && remaining > 0) {
        sink.once('drain', pump);
        return;
      }
    }
    if (!sink.destroyed) done();
  };
  pump();
}

import type { ServerResponse } from 'node:http';

const CHUNK = Buffer.alloc(64 * 1024, 'x');

/** Writes `size` bytes in 64 KiB chunks, honouring backpressure; bodies are never held whole. */
export function writeBody(response: ServerResponse, size: number): void {
  let remaining = size;
  const pump = (): void => {
    while (remaining > 0) {
      const length = Math.min(remaining, CHUNK.length);
      remaining -= length;
      const chunk = length === CHUNK.length ? CHUNK : CHUNK.subarray(0, length);
      if (!response.write(chunk) && remaining > 0) {
        response.once('drain', pump);
        return;
      }
    }
    response.end();
  };
  pump();
}

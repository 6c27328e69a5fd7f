import type { Compression } from './encoding.js';
import { pageText } from './page-text.js';

/** The size of one write: bodies are never held whole, and a slow client costs no more than this per request. */
export const CHUNK_BYTES = 64 * 1024;

/** Carries the page's decoded size on a compressed answer, so a client can check what it decoded. */
export const DECODED_LENGTH_HEADER = 'x-decoded-content-length';

/** What goes on the wire for one page: identity text, or that text compressed once. */
export interface Body {
  /** Content-Type, Content-Length, and with compression Content-Encoding, Vary and the decoded length. */
  readonly headers: Readonly<Record<string, string>>;
  /** Bytes on the wire. */
  readonly length: number;
  /** Wire bytes [offset, offset + length); `offset + length` never beyond `this.length`. */
  bytes(offset: number, length: number): Buffer;
}

const CONTENT_TYPE = 'text/html; charset=utf-8';

/** The page of `size` bytes, uncompressed. */
export function identityBody(size: number, varies: boolean): Body {
  return {
    headers: {
      'content-type': CONTENT_TYPE,
      'content-length': String(size),
      // A server that can compress says so even when it did not, as caches need to know.
      ...(varies ? { vary: 'accept-encoding' } : {}),
    },
    length: size,
    bytes: pageText,
  };
}

/** The page of `decodedSize` bytes, compressed with `coding` into `compressed`. */
export function encodedBody(compressed: Buffer, coding: Compression, decodedSize: number): Body {
  return {
    headers: {
      'content-type': CONTENT_TYPE,
      'content-length': String(compressed.length),
      'content-encoding': coding,
      vary: 'accept-encoding',
      [DECODED_LENGTH_HEADER]: String(decodedSize),
    },
    length: compressed.length,
    bytes: (offset, length) => compressed.subarray(offset, offset + length),
  };
}

/** The page of `size` bytes as a client would decode it: what an identity answer sends byte for byte. */
export function pageBody(size: number): Buffer {
  return Buffer.from(pageText(0, size));
}

/**
 * False when HTTP forbids a body (HEAD, 1xx, 204, 304): Node then drops every write while reporting success,
 * so a fault that streams forever would spin instead of waiting for backpressure.
 */
export function mayHaveBody(method: string | undefined, status: number): boolean {
  return method !== 'HEAD' && status >= 200 && status !== 204 && status !== 304;
}

/**
 * Where body bytes go: an HTTP/1.1 response, a raw socket, or an HTTP/2 compatibility response (which has no
 * `destroyed` of its own: its stream's says whether anyone is left to read).
 */
export interface ByteSink {
  readonly destroyed?: boolean;
  readonly stream?: { readonly destroyed: boolean };
  write(chunk: Buffer): boolean;
  once(event: 'drain', listener: () => void): unknown;
}

export function isGone(sink: ByteSink): boolean {
  return sink.destroyed === true || sink.stream?.destroyed === true;
}

/**
 * Writes bytes [0, count) of `body` to `sink` in 64 KiB chunks, waiting for 'drain' when asked to, then calls
 * `done` once the last chunk is handed over. Stops silently if the sink is gone (the client went away), since
 * nobody is left to read the rest.
 */
export function writeBytes(sink: ByteSink, body: Body, count: number, done: () => void): void {
  let offset = 0;
  const pump = (): void => {
    while (offset < count) {
      if (isGone(sink)) return;
      const length = Math.min(count - offset, CHUNK_BYTES);
      const chunk = body.bytes(offset, length);
      offset += length;
      if (!sink.write(chunk) && offset < count) {
        sink.once('drain', pump);
        return;
      }
    }
    if (!isGone(sink)) done();
  };
  pump();
}

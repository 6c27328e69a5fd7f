import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { BodyTooLargeError } from './transport.js';

/** The error a transport rejects with when a body does not decode (DECODE_FAILED). */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
}

type Decoder = (input: Buffer, options: { maxOutputLength: number }) => Buffer;

// RFC 9110 §8.4.1: deflate is the zlib format; some servers send raw deflate, which browsers and undici's fetch
// also accept, told apart by the zlib header's first byte (compression method 8 in the low nibble).
const inflateEither: Decoder = (input, options) =>
  (input[0] ?? 0) % 16 === 8 ? inflateSync(input, options) : inflateRawSync(input, options);

const DECODERS: Readonly<Record<string, Decoder>> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  br: brotliDecompressSync,
  deflate: inflateEither,
};

/** True when a Content-Encoding header value asks for nothing to be done (absent, empty or identity). */
export function isIdentity(header: string | undefined): boolean {
  return header === undefined || header === '' || header.trim().toLowerCase() === 'identity';
}

/**
 * Decodes a body sent with `contentEncoding` (codings in the order applied, undone last first). A decompression
 * bomb stops at `maxBytes` (BodyTooLargeError); a coding it does not know or a body that does not decode throws
 * DecodeError.
 *
 * Synchronous, once per body, on the thread that runs the job, as Python's clients decode: zlib's streams would
 * send every chunk through libuv's thread pool (decoding off the strategy's own thread, and two event-loop turns
 * per chunk), which would blur what a strategy's threads cost. The wire bytes are held until the end, bounded by
 * the same body limit.
 */
export function decodeBody(contentEncoding: string, wire: readonly Buffer[], maxBytes: number): Buffer {
  let body = wire.length === 1 ? (wire[0] as Buffer) : Buffer.concat(wire);
  const codings = contentEncoding.split(',').map((coding) => coding.trim().toLowerCase());
  for (let index = codings.length - 1; index >= 0; index--) {
    const coding = codings[index] as string;
    if (coding === 'identity' || coding === '') continue;
    const decoder = DECODERS[coding];
    if (decoder === undefined) throw new DecodeError(`content-encoding ${JSON.stringify(coding)} is not supported`);
    try {
      body = decoder(body, { maxOutputLength: maxBytes });
    } catch (error) {
      // zlib stopped at the limit: the decoded body is larger than it (BODY_TOO_LARGE, not a decoding fault).
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new BodyTooLargeError(`body exceeded ${maxBytes} bytes once decoded`);
      }
      throw new DecodeError(
        `${coding} body does not decode: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    }
  }
  return body;
}

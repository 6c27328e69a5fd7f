import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { pageText } from './page-text.js';

export const COMPRESSIONS = ['gzip', 'br'] as const;
export type Compression = (typeof COMPRESSIONS)[number];

/**
 * Pages above this decoded size are sent as identity: compressing a 1 GiB `huge` answer once would take minutes and
 * hold hundreds of MB; no real page is that large.
 */
export const MAX_COMPRESSED_PAGE = 64 * 1024 * 1024;
/** Compressed pages kept at once (bytes after compression); the oldest go first when a new one does not fit. */
const CACHE_BYTES = 128 * 1024 * 1024;

const compressors: Readonly<Record<Compression, (input: Buffer) => Promise<Buffer>>> = {
  // zlib's default level 6, what most servers use on the fly.
  gzip: promisify(gzip),
  // Quality 5 rather than brotli's default 11: 11 takes about a second per MiB here (once, but on the first
  // request), 5 takes milliseconds and is a common on-the-fly setting. Both ratios are in docs (README).
  br: (input) =>
    promisify(brotliCompress)(input, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: input.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
};

/**
 * True when an Accept-Encoding header accepts `coding`: named with a q above 0, or `*` with a q above 0 when the
 * coding is not named at all (RFC 9110 §12.5.3). Absent header: identity only.
 */
export function accepts(header: string | undefined, coding: Compression): boolean {
  if (header === undefined) return false;
  let wildcard = false;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (name === coding) return weight > 0;
    if (name === '*') wildcard = weight > 0;
  }
  return wildcard;
}

/** Each page size compressed once, on first request, then served from memory. */
export interface CompressedPages {
  readonly coding: Compression;
  /** The compressed page of `size` decoded bytes; undefined when it is too large to compress. */
  get(size: number): Buffer | Promise<Buffer> | undefined;
}

export function createCompressedPages(coding: Compression): CompressedPages {
  const cache = new Map<number, Buffer | Promise<Buffer>>();
  let cachedBytes = 0;
  const remember = (size: number, compressed: Buffer): Buffer => {
    // Concurrent first requests share one promise; the entry becomes the plain buffer once it is done.
    for (const [oldSize, old] of cache) {
      if (cachedBytes + compressed.length <= CACHE_BYTES) break;
      if (!(old instanceof Buffer)) continue;
      cache.delete(oldSize);
      cachedBytes -= old.length;
    }
    cache.set(size, compressed);
    cachedBytes += compressed.length;
    return compressed;
  };
  return {
    coding,
    get(size) {
      if (size > MAX_COMPRESSED_PAGE) return undefined;
      const known = cache.get(size);
      if (known !== undefined) return known;
      const pending = compressors[coding](pageText(0, size)).then((compressed) => remember(size, compressed));
      // A failed compression is not cached: the next request tries again (and this one is sent as identity).
      pending.catch(() => cache.delete(size));
      cache.set(size, pending);
      return pending;
    },
  };
}

import { type Body, encodedBody, identityBody } from './body.js';
import { accepts, type Compression, createCompressedPages } from './encoding.js';

/** Picks what a request gets for a page: compressed when the server compresses and the client accepts it. */
export type PagePicker = (size: number, acceptEncoding: string | undefined) => Body | Promise<Body>;

// A run asks for a handful of sizes; each identity Body is made once (headers and all) rather than per request.
const IDENTITY_CACHE_ENTRIES = 1024;

function identityBodies(varies: boolean): (size: number) => Body {
  const made = new Map<number, Body>();
  return (size) => {
    const known = made.get(size);
    if (known !== undefined) return known;
    const body = identityBody(size, varies);
    if (made.size < IDENTITY_CACHE_ENTRIES) made.set(size, body);
    return body;
  };
}

export function createPagePicker(compress: Compression | undefined): PagePicker {
  if (compress === undefined) return identityBodies(false);
  const identity = identityBodies(true);
  const pages = createCompressedPages(compress);
  // Likewise each compressed page's Body, for as long as the cache keeps its bytes.
  const encoded = new WeakMap<Buffer, Body>();
  const encodedOnce = (bytes: Buffer, size: number): Body => {
    const known = encoded.get(bytes);
    if (known !== undefined) return known;
    const body = encodedBody(bytes, compress, size);
    encoded.set(bytes, body);
    return body;
  };
  return (size, acceptEncoding) => {
    const compressed = accepts(acceptEncoding, compress) ? pages.get(size) : undefined;
    if (compressed === undefined) return identity(size);
    if (!(compressed instanceof Promise)) return encodedOnce(compressed, size);
    return compressed.then(
      (bytes) => encodedOnce(bytes, size),
      () => identity(size),
    );
  };
}

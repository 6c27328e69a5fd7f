import { type Body, encodedBody, identityBody } from './body.js';
import { accepts, type Compression, createCompressedPages } from './encoding.js';

/** Picks what a request gets for a page: compressed when the server compresses and the client accepts it. */
export type PagePicker = (size: number, acceptEncoding: string | undefined) => Body | Promise<Body>;

export function createPagePicker(compress: Compression | undefined): PagePicker {
  if (compress === undefined) return (size) => identityBody(size, false);
  const pages = createCompressedPages(compress);
  return (size, acceptEncoding) => {
    const compressed = accepts(acceptEncoding, compress) ? pages.get(size) : undefined;
    if (compressed === undefined) return identityBody(size, true);
    if (!(compressed instanceof Promise)) return encodedBody(compressed, compress, size);
    return compressed.then(
      (bytes) => encodedBody(bytes, compress, size),
      () => identityBody(size, true),
    );
  };
}

// Compression ratios of the page text (deterministic) and the time of one compression of each (a timing: run it
// under `machine quiet`). Usage: pnpm --filter @fanout/fixture-server build && node bench/page-ratios.mjs > bench/page-ratios.json
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { pageText } from '../dist/page-text.js';

const rows = [];
for (const size of [1024, 16 * 1024, 100_000, 1 << 20, 5 << 20]) {
  const page = Buffer.from(pageText(0, size));
  const time = (f) => {
    const t = performance.now();
    const out = f();
    return [out.length, performance.now() - t];
  };
  const [g, gt] = time(() => gzipSync(page));
  const [b5, b5t] = time(() =>
    brotliCompressSync(page, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: size,
      },
    }),
  );
  const [b11, b11t] = size <= 1 << 20 ? time(() => brotliCompressSync(page)) : [Number.NaN, Number.NaN];
  rows.push({
    size,
    gzip: +(size / g).toFixed(2),
    gzipMs: +gt.toFixed(1),
    br5: +(size / b5).toFixed(2),
    br5Ms: +b5t.toFixed(1),
    br11: +(size / b11).toFixed(2),
    br11Ms: +b11t.toFixed(0),
  });
}
console.log(JSON.stringify({ node: process.version, rows }, null, 1));

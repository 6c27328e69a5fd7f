import { seeded } from './seeded.js';

/**
 * Every body the server sends is a slice of one deterministic, HTML-like text, so that compressed bodies compress
 * like real pages do (gzip 3.9× at 16 KiB, 4.5–4.7× from 100 kB up, see the README; a single repeated byte
 * compresses about 1000×, which would make decoding look free). The text is made of pseudo-words drawn from a Zipf distribution,
 * wrapped in paragraphs, links, divs and headings, from a fixed seed: the same size is the same bytes in every
 * process, so a client can check a body by its digest.
 *
 * It repeats every PERIOD bytes. 4 MiB is just beyond the farthest match brotli's default window (2^22 − 16 bytes)
 * and gzip's (32 KiB) can reach, so bodies larger than the period still compress at the same ratio instead of
 * collapsing into back-references. The buffer is filled lazily, only as far as the largest body asked for.
 */
export const PERIOD = 4 * 1024 * 1024;

const SYLLABLES = 'ka to ri men sa lo ve ne di an ter po la ci mo re tion ing ex pro con ar el is ur ba fe go hu ja'
  .split(' ')
  .filter(Boolean);
const VOCABULARY = 2000;
const ZIPF_EXPONENT = 1.3;
const HEAD =
  '<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>fanout page</title></head>\n<body>\n';

function createWriter(): () => string {
  const random = seeded(0x5eed);
  const below = (n: number): number => Math.floor(random() * n);
  const words = Array.from({ length: VOCABULARY }, () => {
    let word = '';
    for (let count = 1 + below(3); count > 0; count -= 1) word += SYLLABLES[below(SYLLABLES.length)];
    return word;
  });
  let total = 0;
  const cumulative = words.map((_, rank) => {
    total += 1 / (rank + 1) ** ZIPF_EXPONENT;
    return total;
  });
  const word = (): string => {
    const target = random() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] as number) < target) low = middle + 1;
      else high = middle;
    }
    return words[low] as string;
  };
  const sentence = (): string => {
    const picked = Array.from({ length: 6 + below(14) }, word);
    const first = picked[0] as string;
    picked[0] = first.charAt(0).toUpperCase() + first.slice(1);
    return `${picked.join(' ')}.`;
  };
  let block = 0;
  return () => {
    block += 1;
    const kind = random();
    if (kind < 0.55) return `<p>${Array.from({ length: 1 + below(4) }, sentence).join(' ')}</p>\n`;
    if (kind < 0.75) return `<li><a href="/${word()}/${word()}-${below(10_000)}.html">${word()} ${word()}</a></li>\n`;
    if (kind < 0.9) return `<div class="${word()} ${word()}-${below(100)}"><span>${sentence()}</span></div>\n`;
    return `<h2 id="s${block}">${sentence()}</h2>\n`;
  };
}

let text: Buffer | undefined;
let filled = 0;
let nextBlock: (() => string) | undefined;

/** Makes sure the first `length` bytes of the period exist (ASCII only, so one character is one byte). */
function fillTo(length: number): Buffer {
  text ??= Buffer.alloc(PERIOD);
  if (filled === 0) filled = text.write(HEAD, 0, 'latin1');
  nextBlock ??= createWriter();
  while (filled < length) filled += text.write(nextBlock(), filled, 'latin1');
  return text;
}

/**
 * Bytes [offset, offset + length) of the endless page text. Zero-copy when the range does not cross the end of a
 * period (every 64 KiB write of a body does not); a copy otherwise.
 */
export function pageText(offset: number, length: number): Buffer {
  const start = offset % PERIOD;
  if (start + length <= PERIOD) return fillTo(start + length).subarray(start, start + length);
  const whole = fillTo(PERIOD);
  const out = Buffer.allocUnsafe(length);
  for (let written = 0; written < length; ) {
    const at = (start + written) % PERIOD;
    written += whole.copy(out, written, at, Math.min(PERIOD, at + length - written));
  }
  return out;
}

import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PERIOD, pageText } from '../src/page-text.js';

describe('page text', () => {
  it('is an HTML page, the same bytes for the same range, text only', () => {
    const head = pageText(0, 4096).toString('latin1');
    expect(head.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(head).toMatch(/<p>[A-Z][a-z ]+/);
    expect(pageText(1000, 3000).equals(pageText(0, 4000).subarray(1000))).toBe(true);
    expect(pageText(0, 65_536).every((byte) => byte === 10 || (byte >= 32 && byte < 127))).toBe(true);
  });

  it('repeats every period, including across its end, and compresses there as well as anywhere', () => {
    const across = pageText(PERIOD - 100, 300);
    expect(across.subarray(0, 100).equals(pageText(PERIOD - 100, 100))).toBe(true);
    expect(across.subarray(100).equals(pageText(0, 200))).toBe(true);
    expect(pageText(PERIOD + 5, 50).equals(pageText(5, 50))).toBe(true);
    const ratio = (offset: number) => 65_536 / gzipSync(pageText(offset, 65_536)).length;
    expect(ratio(0)).toBeGreaterThan(3);
    expect(Math.abs(ratio(PERIOD - 30_000) - ratio(0))).toBeLessThan(0.5);
  });
});

import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DecodeError, decodeBody, isIdentity } from '../src/http/decode.js';
import { BodyTooLargeError } from '../src/http/transport.js';

const page = Buffer.from('<!doctype html><p>fanout</p>'.repeat(400));
/** Split into uneven chunks, as a socket delivers them. */
const chunks = (body: Buffer) => [body.subarray(0, 7), body.subarray(7, 100), body.subarray(100)];

describe('decodeBody', () => {
  for (const [coding, encode] of [
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['br', brotliCompressSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync],
    ['GZip', gzipSync],
  ] as const) {
    it(`decodes ${coding} (${encode.name}) from chunks back to the page`, () => {
      expect(decodeBody(coding, chunks(encode(page)), 1e6).equals(page)).toBe(true);
    });
  }

  it('undoes several codings, the last applied first', () => {
    const twice = brotliCompressSync(gzipSync(page));
    expect(decodeBody('gzip, br', [twice], 1e6).equals(page)).toBe(true);
    expect(decodeBody('identity, gzip', [gzipSync(page)], 1e6).equals(page)).toBe(true);
  });

  it('refuses a coding it does not know, naming it', () => {
    expect(() => decodeBody('zstd', [page], 1e6)).toThrow(new DecodeError('content-encoding "zstd" is not supported'));
  });

  it('refuses a body that is not what its coding says, and a cut-off one', () => {
    expect(() => decodeBody('gzip', [page], 1e6)).toThrow(DecodeError);
    expect(() => decodeBody('br', [page], 1e6)).toThrow(DecodeError);
    const gzipped = gzipSync(page);
    expect(() => decodeBody('gzip', [gzipped.subarray(0, gzipped.length - 20)], 1e6)).toThrow(/unexpected end/);
  });

  it('stops a decompression bomb at the body limit: too large, not undecodable', () => {
    const bomb = gzipSync(Buffer.alloc(10_000_000));
    expect(bomb.length).toBeLessThan(20_000);
    expect(() => decodeBody('gzip', [bomb], 1_000_000)).toThrow(BodyTooLargeError);
    expect(decodeBody('gzip', [gzipSync(page)], page.length).length).toBe(page.length);
  });

  it('tells identity from a coding', () => {
    expect([undefined, '', 'identity', ' Identity '].map((value) => isIdentity(value))).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(isIdentity('gzip')).toBe(false);
  });
});

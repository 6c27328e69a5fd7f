import { describe, expect, it } from 'vitest';
import { hostOf, isLoopbackHost, isLoopbackUrl } from '../src/reach.js';

// What a user may write, as the URL parser normalises it: every form of 127/8, localhost and ::1 is loopback.
const LOOPBACK = [
  'http://127.0.0.1:8080/a',
  'http://127.1/',
  'http://127.9.9.9/',
  'http://2130706433/',
  'http://0x7f000001/',
  'http://0177.0.0.1/',
  'https://localhost/x?y=1',
  'http://LOCALHOST:3000/',
  'http://[::1]:3000/',
  'http://[0:0:0:0:0:0:0:1]/',
  'http://user:pass@127.0.0.1/',
];

// Everything else, the tricks a new user (or a hostile Location header) might try included.
const REMOTE = [
  'http://example.com/',
  'http://10.255.0.1/',
  'http://192.168.1.1/',
  'http://0.0.0.0:8080/',
  'http://[::]/',
  'http://[::ffff:127.0.0.1]/',
  'http://localhost./',
  'http://127.0.0.1.nip.io/',
  'http://localhost.example.com/',
  'http://127.0.0.1:80@example.com/',
  'http://example.com#@127.0.0.1/',
  'http://example.com\\@127.0.0.1/',
  'http://128.0.0.1/',
  'http://[::2]/',
];

describe('the reach rule: which hosts are this machine', () => {
  it('calls every form of 127/8, localhost and ::1 loopback', () => {
    for (const url of LOOPBACK) expect(isLoopbackUrl(url), url).toBe(true);
  });

  it('calls everything else remote, userinfo and fragment tricks included', () => {
    for (const url of REMOTE) expect(isLoopbackUrl(url), url).toBe(false);
  });

  it('refuses what is not a URL (fail closed)', () => {
    for (const text of ['', 'not a url', '127.0.0.1:80', '//127.0.0.1/']) {
      expect(isLoopbackUrl(text), text).toBe(false);
      expect(hostOf(text)).toBeUndefined();
    }
  });

  it('gives the same answer remembered as computed, many times over', () => {
    for (let round = 0; round < 3; round++) {
      for (const url of [...LOOPBACK, ...REMOTE]) {
        expect(isLoopbackUrl(url), url).toBe(isLoopbackHost(new URL(url).hostname));
      }
    }
  });

  it('stays right past its memory (distinct URLs beyond the cache)', () => {
    for (let index = 0; index < 12_000; index++) {
      expect(isLoopbackUrl(`http://127.0.0.1/page/${index}`)).toBe(true);
      if (index % 1000 === 0) expect(isLoopbackUrl(`http://10.0.0.1/page/${index}`)).toBe(false);
    }
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunFlags } from '../src/config.js';
import { readUrlFile, urlProblem } from '../src/target/urls.js';
import { tempDir } from './cli-helper.js';

function urlFile(text: string): string {
  const file = join(tempDir(), 'urls.txt');
  writeFileSync(file, text);
  return file;
}

describe('URLs from flags and files', () => {
  it('accepts loopback http(s) and refuses remote hosts unless allowed', () => {
    for (const ok of [
      'http://127.0.0.1:8080/a',
      'https://localhost/x?y=1',
      'http://[::1]:3000/',
      'http://127.9.9.9/',
    ]) {
      expect(urlProblem(ok, false)).toBeUndefined();
    }
    expect(urlProblem('http://example.com/', false)).toMatch(/--allow-remote/);
    expect(urlProblem('http://example.com/', true)).toBeUndefined();
    expect(urlProblem('http://192.168.1.1/', false)).toMatch(/loopback/);
    for (const scheme of [
      'ftp://127.0.0.1/',
      'file:///etc/passwd',
      'data:text/plain,hi',
      'javascript:alert(1)',
      'ws://127.0.0.1/',
    ]) {
      expect(urlProblem(scheme, true)).toMatch(/must be http or https/);
    }
    expect(urlProblem('127.0.0.1:80', true)).toMatch(/http or https|not a URL/);
  });

  it('reads one URL per line, skipping blanks and # comments', () => {
    const file = urlFile('# seed pages\nhttp://127.0.0.1:1/a\n\n   \nhttp://127.0.0.1:1/b  \r\n# end\n');
    expect(readUrlFile(file, false)).toEqual(['http://127.0.0.1:1/a', 'http://127.0.0.1:1/b']);
  });

  it('names every bad line by number', () => {
    const file = urlFile('http://127.0.0.1/ok\nftp://127.0.0.1/x\n# fine\nnot a url\nhttp://example.com/\n');
    expect(() => readUrlFile(file, false)).toThrow(
      /line 2: "ftp:\/\/127\.0\.0\.1\/x" must be http or https.*line 4: "not a url" is not a URL.*line 5: .*loopback/,
    );
  });

  it('refuses a missing file, a directory and a file without URLs', () => {
    expect(() => readUrlFile(join(tempDir(), 'nope.txt'), false)).toThrow(/nope\.txt": no such file/);
    const dir = join(tempDir(), 'adir');
    mkdirSync(dir);
    expect(() => readUrlFile(dir, false)).toThrow(/is a directory/);
    expect(() => readUrlFile(urlFile('# only comments\n\n'), false)).toThrow(/holds no URLs/);
    expect(() => readUrlFile(urlFile(''), false)).toThrow(/holds no URLs/);
  });

  it('merges --url and --url-file, and keeps remote hosts behind --allow-remote', () => {
    const file = urlFile('http://127.0.0.1:9/b\n');
    expect(parseRunFlags({ url: ['http://127.0.0.1:9/a'], urlFile: file }).urls).toEqual([
      'http://127.0.0.1:9/a',
      'http://127.0.0.1:9/b',
    ]);
    expect(() => parseRunFlags({ url: ['http://example.com/'] })).toThrow(/--url is not a loopback host/);
    const remote = parseRunFlags({ url: ['http://example.com/'], allowRemote: true });
    expect(remote).toMatchObject({ allowRemote: true, maxPerHost: 6, urls: ['http://example.com/'] });
    expect(() => parseRunFlags({ url: ['http://example.com/'], allowRemote: true, maxPerHost: '0' })).toThrow(
      /--max-per-host must be at least 1/,
    );
  });
});

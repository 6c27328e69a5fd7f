import { describe, expect, it } from 'vitest';
import { redactSecrets, redactUrl, secretsOf } from '../src/redact.js';

describe('redacting Redis credentials', () => {
  it('hides the user and password of a URL, keeping host, port and database', () => {
    expect(redactUrl('redis://app:pw@host:6390/2')).toBe('redis://***@host:6390/2');
    expect(redactUrl('rediss://:pw@host:6390')).toBe('rediss://***@host:6390');
    expect(redactUrl('redis://host:6390')).toBe('redis://host:6390');
  });

  it('hides an unparsable URL whole', () => {
    expect(redactUrl('redis://:pw@[bad')).not.toContain('pw');
  });

  it('hides the secrets wherever a message quotes them, raw or percent-decoded', () => {
    const url = 'redis://some%20user:p%40ss%3Aword@host:1';
    expect(secretsOf(url)).toEqual(expect.arrayContaining(['p@ss:word', 'p%40ss%3Aword', 'some user']));
    const text = `failed for ${url}: WRONGPASS for some user (password p@ss:word, p%40ss%3Aword)`;
    const out = redactSecrets(text, url);
    for (const secret of ['p@ss:word', 'p%40ss%3Aword', 'some user', 'some%20user']) expect(out).not.toContain(secret);
    expect(out).toContain('redis://***@host:1');
  });

  it('keeps the word "default" (Redis\'s built-in user is no secret)', () => {
    expect(redactSecrets('the default user', 'redis://default:pw@h:1')).toBe('the default user');
  });
});

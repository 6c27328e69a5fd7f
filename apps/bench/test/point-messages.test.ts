import { describe, expect, it } from 'vitest';
import { isJob } from '../src/run/messages.js';

describe('isJob (the plan message check for every job)', () => {
  it('accepts the three kinds of job the harness sends', () => {
    expect(isJob({ id: 0, url: 'http://127.0.0.1:1/page' })).toBe(true);
    expect(isJob({ id: 3, kind: 'cpu', n: 5_000_000 })).toBe(true);
    expect(isJob({ id: 7, kind: 'mixed', url: 'http://127.0.0.1:1/page', hashRounds: 20 })).toBe(true);
  });

  it('refuses anything else', () => {
    for (const bad of [
      null,
      'job',
      { url: 'http://x/' },
      { id: -1, url: 'http://x/' },
      { id: 1.5, url: 'http://x/' },
      { id: 0 },
      { id: 0, kind: 'cpu' },
      { id: 0, kind: 'cpu', n: -3 },
      { id: 0, kind: 'mixed', url: 'http://x/' },
      { id: 0, kind: 'download', url: 'http://x/' },
    ]) {
      expect(isJob(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});

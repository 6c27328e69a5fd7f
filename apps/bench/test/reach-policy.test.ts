import { defineStrategy } from '@fanout/core';
import { describe, expect, it } from 'vitest';
import { parseRunFlags } from '../src/config.js';
import { skipReason } from '../src/run/skip.js';
import type { StrategyManifest } from '../src/strategies/manifest.js';
import { reachOf } from '../src/target/urls.js';

const loaded = {
  manifest: { name: 'probe' } as StrategyManifest,
  definition: defineStrategy({ name: 'probe', create: () => Promise.reject(new Error('not started')) }),
};

describe('the run reach policy: what every strategy and peer is told', () => {
  it('keeps the guard on without --allow-remote, and for the embedded server even with it', () => {
    const closed = { allowRemote: false, maxPerOrigin: undefined, maxConcurrency: undefined };
    expect(reachOf(parseRunFlags({ url: ['http://127.0.0.1:1/'] }))).toEqual({ ...closed, origins: 1 });
    expect(reachOf(parseRunFlags({ allowRemote: true }))).toEqual({ ...closed, origins: 0 });
  });

  it('with --allow-remote, caps each origin at --max-per-host, W at the cap × the origins of the URLs given', () => {
    // Loopback URLs too: their redirects may lead anywhere once remote hosts are allowed.
    expect(
      reachOf(parseRunFlags({ url: ['http://127.0.0.1:1/a', 'http://127.0.0.1:1/b'], allowRemote: true })),
    ).toEqual({ allowRemote: true, maxPerOrigin: 6, origins: 1, maxConcurrency: 6 });
    const two = parseRunFlags({
      url: ['http://127.0.0.1:1/', 'http://example.com/', 'http://example.com/x'],
      allowRemote: true,
      maxPerHost: '3',
    });
    expect(reachOf(two)).toEqual({ allowRemote: true, maxPerOrigin: 3, origins: 2, maxConcurrency: 6 });
  });

  it('skips a point above the cap × origins, naming both and why', () => {
    const reach = { maxPerOrigin: 3, origins: 2, maxConcurrency: 6 };
    expect(skipReason(loaded, 6, reach)).toBeUndefined();
    expect(skipReason(loaded, 7, reach)).toBe(
      'W = 7 exceeds --max-per-host 3 per origin × 2 origins of the URLs (with --allow-remote every hop counts against it)',
    );
    expect(skipReason(loaded, 500, { maxPerOrigin: undefined, origins: 1, maxConcurrency: undefined })).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { strategy } from '../src/index.js';
import { DEFAULT_SETTINGS, ENV, NO_REDIS_REASON, settingsFromEnv } from '../src/settings.js';

const URL_WITH_SECRET = 'redis://app-user:s3cr3t-Pa55@redis.example:6390/2';

describe('queue settings from the environment', () => {
  it('reads the URL and defaults the rest', () => {
    expect(settingsFromEnv({ [ENV.redisUrl]: URL_WITH_SECRET })).toEqual({
      redisUrl: URL_WITH_SECRET,
      ...DEFAULT_SETTINGS,
    });
  });

  it('reads every variable, numbers from strings', () => {
    const settings = settingsFromEnv({
      [ENV.redisUrl]: 'rediss://host:1',
      [ENV.localWorkers]: '0',
      [ENV.waitForWorkersMs]: '1500',
      [ENV.stalledRetries]: '2',
      [ENV.stallMs]: '800',
    });
    expect(settings).toEqual({
      redisUrl: 'rediss://host:1',
      localWorkers: 0,
      waitForWorkersMs: 1500,
      stalledRetries: 2,
      stallMs: 800,
    });
  });

  it('is UNSUPPORTED without a Redis, naming the variable and the package to install', () => {
    expect(() => settingsFromEnv({})).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
    expect(NO_REDIS_REASON).toMatch(/FANOUT_REDIS_URL.*apt-get install redis-server/);
  });

  const bad: readonly [string, Record<string, string>, RegExp][] = [
    ['a URL of another scheme', { [ENV.redisUrl]: 'http://:s3cr3t-Pa55@host:1' }, /FANOUT_REDIS_URL: must be a redis/],
    ['a URL without a host', { [ENV.redisUrl]: 'redis://:s3cr3t-Pa55@' }, /FANOUT_REDIS_URL/],
    [
      'negative local workers',
      { [ENV.redisUrl]: URL_WITH_SECRET, [ENV.localWorkers]: '-1' },
      /FANOUT_QUEUE_LOCAL_WORKERS/,
    ],
    [
      'fractional retries',
      { [ENV.redisUrl]: URL_WITH_SECRET, [ENV.stalledRetries]: '1.5' },
      /FANOUT_QUEUE_STALLED_RETRIES/,
    ],
    [
      'a lock too short',
      { [ENV.redisUrl]: URL_WITH_SECRET, [ENV.stallMs]: '10' },
      /FANOUT_QUEUE_STALL_MS: must be at least 200/,
    ],
    ['words for a wait', { [ENV.redisUrl]: URL_WITH_SECRET, [ENV.waitForWorkersMs]: 'soon' }, /FANOUT_QUEUE_WAIT_MS/],
  ];
  for (const [label, env, message] of bad) {
    it(`rejects ${label} with INVALID_OPTIONS naming the variable, never the password`, () => {
      let caught: unknown;
      try {
        settingsFromEnv(env);
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ code: 'INVALID_OPTIONS' });
      expect((caught as Error).message).toMatch(message);
      expect((caught as Error).message).not.toContain('s3cr3t-Pa55');
    });
  }

  it('validates the shared options before looking at Redis (the contract still holds without one)', async () => {
    await expect(strategy.create({ concurrency: 0 })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });
});

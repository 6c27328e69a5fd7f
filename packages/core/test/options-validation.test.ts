import { describe, expect, it } from 'vitest';
import { OPTION_RANGES, parseStrategyOptions } from '../src/options.js';

const DEFAULT_TIMEOUT_MS = OPTION_RANGES.timeoutMs.default;
const DEFAULT_MAX_BODY_BYTES = OPTION_RANGES.maxBodyBytes.default;
const DEFAULT_MAX_REDIRECTS = OPTION_RANGES.maxRedirects.default;
const DEFAULT_RETRIES = OPTION_RANGES.retries.default;
const MAX_CONCURRENCY = OPTION_RANGES.concurrency.max;

describe('parseStrategyOptions', () => {
  it('fills defaults for timeout, body limit, redirects, retries, reach (loopback only) and the per-origin cap', () => {
    expect(parseStrategyOptions({ concurrency: 3 })).toEqual({
      concurrency: 3,
      timeoutMs: DEFAULT_TIMEOUT_MS,
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      maxRedirects: DEFAULT_MAX_REDIRECTS,
      retries: DEFAULT_RETRIES,
      allowRemote: false,
      maxPerOrigin: MAX_CONCURRENCY,
      http2: false,
      acceptEncoding: 'identity',
    });
    expect(parseStrategyOptions({ concurrency: 3, allowRemote: true, maxPerOrigin: 2 })).toMatchObject({
      allowRemote: true,
      maxPerOrigin: 2,
    });
  });

  for (const [input, message] of [
    [{ concurrency: 0 }, 'concurrency: must be at least 1 (got 0)'],
    [{ concurrency: 2.5 }, 'concurrency: must be an integer (got 2.5)'],
    [{ concurrency: '3' }, 'concurrency: must be a number (got "3")'],
    [{ concurrency: 1, timeoutMs: -1 }, 'timeoutMs: must be at least 1 (got -1)'],
    [{ concurrency: 1, extra: true }, 'extra'],
    [{ concurrency: 1, allowRemote: 'yes' }, 'allowRemote: must be true or false (got "yes")'],
    [{ concurrency: 1, maxPerOrigin: 0 }, 'maxPerOrigin: must be at least 1 (got 0)'],
  ] as const) {
    it(`rejects ${JSON.stringify(input)} naming the value`, () => {
      expect(() => parseStrategyOptions(input)).toThrow(message);
      try {
        parseStrategyOptions(input);
      } catch (error) {
        expect(error).toMatchObject({ code: 'INVALID_OPTIONS', name: 'FanoutError' });
      }
    });
  }
});

import { OPTION_RANGES, parseStrategyOptions } from '@fanout/core';
import { describe, expect, it } from 'vitest';
import { flagName, parseFlagText } from '../src/flags/flag.js';
import { RUN_FLAGS } from '../src/flags/run-flags.js';

/**
 * The `fanout run` flag of each strategy option. maxPerOrigin has none of its own: --max-per-host sets it within a
 * narrower range of its own (at most 1,000, default 6: a browser's politeness toward someone else's server).
 */
const FLAG_OF = {
  concurrency: 'concurrency',
  timeoutMs: 'timeout',
  maxBodyBytes: 'maxBody',
  maxRedirects: 'maxRedirects',
  retries: 'retries',
} as const satisfies Record<Exclude<keyof typeof OPTION_RANGES, 'maxPerOrigin'>, keyof typeof RUN_FLAGS>;

describe("the strategy options' flags take core's ranges and defaults (OPTION_RANGES)", () => {
  for (const option of Object.keys(FLAG_OF) as (keyof typeof FLAG_OF)[]) {
    const key = FLAG_OF[option];
    const range = OPTION_RANGES[option];
    const flag = RUN_FLAGS[key];
    // --concurrency is a list: its one item is the value.
    const parse = (value: number) => [parseFlagText(flagName(key), flag.schema, String(value))].flat()[0];
    it(`${flagName(key)}: accepts ${range.min} … ${range.max}, refuses one step outside, as the option does`, () => {
      for (const value of [range.min, range.max]) {
        expect(parse(value)).toBe(value);
        expect(() => parseStrategyOptions({ concurrency: 1, [option]: value })).not.toThrow();
      }
      for (const value of [range.min - 1, range.max + 1].filter(Number.isSafeInteger)) {
        expect(() => parse(value)).toThrow(/must be at (least|most)/);
        expect(() => parseStrategyOptions({ concurrency: 1, [option]: value })).toThrow(/must be at (least|most)/);
      }
      if ('default' in range) expect(flag).toMatchObject({ default: range.default });
    });
  }
});

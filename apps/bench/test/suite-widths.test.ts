import { defineStrategy } from '@fanout/core';
import { describe, expect, it } from 'vitest';
import { widthsFor } from '../src/run/suite.js';

const strategy = (maxConcurrency?: number) => ({
  definition: defineStrategy({
    name: 'probe',
    ...(maxConcurrency !== undefined ? { maxConcurrency } : {}),
    create: () => Promise.reject(new Error('not started')),
  }),
});

describe('widthsFor', () => {
  it('runs a strategy without a limit at every W of the grid', () => {
    expect(widthsFor(strategy(), [2, 4, 8])).toEqual([2, 4, 8]);
  });

  it('keeps the grid when some W is within the limit', () => {
    expect(widthsFor(strategy(1), [1, 2, 4])).toEqual([1, 2, 4]);
  });

  it('adds the limit first when every W is above it, so the baseline is never missing', () => {
    expect(widthsFor(strategy(1), [2])).toEqual([1, 2]);
    expect(widthsFor(strategy(3), [4, 8])).toEqual([3, 4, 8]);
  });
});

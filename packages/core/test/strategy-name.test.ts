import { describe, expect, it } from 'vitest';
import { defineStrategy } from '../src/define.js';
import { MAX_STRATEGY_NAME_LENGTH, strategyNameProblem } from '../src/strategy-name.js';

const create = async () => ({ run: async () => [], close: async () => undefined });

describe('strategy names: the one rule', () => {
  for (const name of ['async', 'thread-pool-hybrid', 'h2', 'a', 'x'.repeat(MAX_STRATEGY_NAME_LENGTH)]) {
    it(`accepts ${JSON.stringify(name)}`, () => {
      expect(strategyNameProblem(name)).toBeUndefined();
      expect(defineStrategy({ name, create }).name).toBe(name);
    });
  }

  for (const [name, problem] of [
    ['Bad Name', 'must be lower-case letters, digits and dashes'],
    ['', 'must be lower-case letters, digits and dashes'],
    [42, 'must be lower-case letters, digits and dashes'],
    ['x'.repeat(MAX_STRATEGY_NAME_LENGTH + 1), `must be at most ${MAX_STRATEGY_NAME_LENGTH} characters`],
    ['9lives', 'must start with a letter'],
    ['-x', 'must start with a letter'],
    ['two--dashes', 'must not hold two dashes in a row or end with one'],
    ['trailing-', 'must not hold two dashes in a row or end with one'],
  ] as const) {
    it(`refuses ${JSON.stringify(name)}: ${problem}`, () => {
      expect(strategyNameProblem(name)).toBe(problem);
      expect(() => defineStrategy({ name: name as string, create })).toThrow(problem);
    });
  }
});

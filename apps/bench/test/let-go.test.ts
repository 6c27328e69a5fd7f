import type { JobResult } from '@fanout/core';
import { describe, expect, it } from 'vitest';
import { letGo } from '../src/run/let-go.js';

const result: JobResult = { ok: true, id: 0, status: 200, bytes: 1, startMs: 0, endMs: 1, attempts: 1 };

describe('letGo: the harness empties a batch it has read', () => {
  it('empties the array, so an old array keeps no result alive', () => {
    const results = [result, { ...result, id: 1 }];
    letGo(results);
    expect(results).toEqual([]);
  });

  it('leaves a frozen array as it is', () => {
    const results = Object.freeze([result]);
    letGo(results);
    expect(results).toHaveLength(1);
  });
});

import type { JobResult } from '@fanout/core';
import { describe, expect, it } from 'vitest';
import { createBatchCollector } from '../src/run/collector.js';

const jobs = [
  { id: 0, url: 'https://127.0.0.1:1/home' },
  { id: 1, url: 'https://127.0.0.1:1/dynamic' },
];
const sizes = { 'https://127.0.0.1:1/home': 49_152, 'https://127.0.0.1:1/dynamic': 300 };
const success = (id: number, bytes: number, wireBytes?: number): JobResult => ({
  id,
  ok: true,
  status: 200,
  bytes,
  ...(wireBytes === undefined ? {} : { wireBytes }),
  attempts: 1,
  startMs: 0,
  endMs: 1,
});

describe('the decoded body sizes, checked on every success', () => {
  it('accepts bodies of their page size, however many bytes the wire carried', () => {
    const collector = createBatchCollector(jobs, 'async', sizes);
    collector.add([success(0, 49_152, 12_000), success(1, 300, 240)]);
    expect(collector.summary().totals.succeeded).toBe(2);
  });

  it('refuses a body that was not decoded to its page size (a broken strategy, not a slow one)', () => {
    const collector = createBatchCollector(jobs, 'async', sizes);
    expect(() => collector.add([success(0, 12_000), success(1, 300)])).toThrow(
      'async computed a wrong value: job 0: 12000 body bytes (decoded) where https://127.0.0.1:1/home has 49152',
    );
  });

  it('checks nothing where the sizes are not known (--url, faults)', () => {
    const collector = createBatchCollector(jobs, 'async');
    collector.add([success(0, 1), success(1, 2)]);
    expect(collector.summary().totals.succeeded).toBe(2);
  });
});

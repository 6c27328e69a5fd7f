import type { StrategyDefinition } from '@fanout/core';
import { startFixtureServer } from '@fanout/fixture-server';
import { expect, it } from 'vitest';

export interface LoadOptions {
  readonly jobs: number;
  readonly concurrency: number;
  /** Body size per job; bodies must be counted, never kept. */
  readonly sizeBytes?: number;
  /** Most the process may grow while running the batch. */
  readonly maxRssGrowthBytes?: number;
}

/**
 * A long batch against the real fixture server: every job has exactly one
 * result, all succeed, and memory stays bounded (bodies are not kept). The
 * server runs in this process, so its memory counts too.
 */
export function testStrategyLoad(definition: StrategyDefinition, options: LoadOptions): void {
  const { jobs, concurrency, sizeBytes = 4096, maxRssGrowthBytes = 384 * 2 ** 20 } = options;
  it(`${definition.name}: ${jobs} jobs at concurrency ${concurrency}, each accounted for, memory bounded`, async () => {
    const server = await startFixtureServer({ sizeBytes });
    const strategy = await definition.create({ concurrency });
    try {
      const batch = Array.from({ length: jobs }, (_, id) => ({ id, url: `${server.url}/load` }));
      const before = process.memoryUsage.rss();
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage.rss());
      }, 25);
      const results = await strategy.run(batch);
      clearInterval(sampler);
      expect(results).toHaveLength(jobs);
      let ok = 0;
      let bytes = 0;
      results.forEach((result, index) => {
        if (result.id !== index) throw new Error(`result ${index} has id ${result.id}`);
        if (result.ok) ok += 1;
        bytes += result.bytes;
      });
      expect(ok).toBe(jobs);
      expect(bytes).toBe(jobs * sizeBytes);
      expect(server.stats().requests).toBe(jobs);
      expect(peak - before).toBeLessThan(maxRssGrowthBytes);
    } finally {
      await strategy.close();
      await server.close();
    }
  });
}

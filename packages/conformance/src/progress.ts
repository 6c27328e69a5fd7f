import type { Job } from '@fanout/core';
import { expect, it, vi } from 'vitest';
import type { SuiteContext } from './context.js';
import { jobsFor, withServer, withStrategy } from './fixture.js';

/**
 * RunOptions.onProgress: optional for a strategy to honour, but one that sets `reportsProgress` promises to report
 * every job, while the batch runs (the harness judges a point hung by the silence between reports).
 */
export function progressChecks({ definition, concurrency }: SuiteContext): void {
  it('accepts a progress callback; when it reports progress, every job once, while the batch still runs', async () => {
    await withServer(async (server) => {
      // Enough rounds of 300 ms jobs that a pool's periodic report (every 250 ms) comes before the batch ends.
      const jobs: Job[] = jobsFor(
        server,
        Array.from({ length: 4 * concurrency }, () => ({ size: 100, latency: 300 })),
      );
      const counts: number[] = [];
      await withStrategy(definition, { concurrency }, async (strategy) => {
        let resolved = false;
        const running = strategy.run(jobs, undefined, { onProgress: (count) => counts.push(count) }).then((results) => {
          resolved = true;
          return results;
        });
        if (strategy.reportsProgress) {
          await vi.waitFor(() => expect(counts.length).toBeGreaterThan(0), { timeout: 20_000, interval: 20 });
          expect(resolved).toBe(false);
        }
        const results = await running;
        expect(results.filter((result) => result.ok)).toHaveLength(jobs.length);
        if (!strategy.reportsProgress) return;
        expect(counts.every((count) => Number.isInteger(count) && count >= 1)).toBe(true);
        expect(counts.reduce((sum, count) => sum + count, 0)).toBe(jobs.length);
      });
    });
  });
}

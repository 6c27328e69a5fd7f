import { CONTRACT_VERSION } from '@fanout/core';
import { expect, it, vi } from 'vitest';
import type { SuiteContext } from './context.js';
import { jobsFor, withServer } from './fixture.js';
import { countResources, osThreadCount } from './process-state.js';

export function lifecycleChecks({ definition, concurrency }: SuiteContext): void {
  it('declares the current contract version and a name', () => {
    expect(definition.contractVersion).toBe(CONTRACT_VERSION);
    expect(definition.name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('close() releases every socket, timer and thread, and may be called twice', async () => {
    await withServer(async (server) => {
      const threadsBefore = osThreadCount();
      const socketsBefore = countResources('TCPSocketWrap');
      const timersBefore = countResources('Timeout');
      const strategy = await definition.create({ concurrency });
      const results = await strategy.run(
        jobsFor(
          server,
          Array.from({ length: concurrency * 2 }, () => ({ latency: 10 })),
        ),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(concurrency * 2);
      expect(server.stats().openConnections).toBeGreaterThan(0);
      await strategy.close();
      await strategy.close();
      // vi.waitFor retries until the expectation holds (3 s at most): sockets and threads close asynchronously.
      const settled = { timeout: 3000, interval: 20 };
      await vi.waitFor(() => expect(server.stats().openConnections).toBe(0), settled);
      await vi.waitFor(() => expect(countResources('TCPSocketWrap')).toBeLessThanOrEqual(socketsBefore), settled);
      // Per-request deadline timers, keep-alive timers of the client's sockets: all gone.
      await vi.waitFor(() => expect(countResources('Timeout')).toBeLessThanOrEqual(timersBefore), settled);
      if (threadsBefore !== undefined) {
        await vi.waitFor(() => expect(osThreadCount() ?? 0).toBeLessThanOrEqual(threadsBefore), settled);
      }
    });
  });
}

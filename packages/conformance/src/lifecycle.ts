import { CONTRACT_VERSION } from '@fanout/core';
import { expect, it } from 'vitest';
import type { SuiteContext } from './context.js';
import { jobsFor, withServer } from './fixture.js';
import { countResources, eventually, osThreadCount } from './process-state.js';

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
      expect(
        await eventually(
          () => server.stats().openConnections,
          (open) => open === 0,
        ),
      ).toBe(0);
      expect(
        await eventually(
          () => countResources('TCPSocketWrap'),
          (n) => n <= socketsBefore,
        ),
      ).toBeLessThanOrEqual(socketsBefore);
      // Per-request deadline timers, keep-alive timers of the client's sockets: all gone.
      expect(
        await eventually(
          () => countResources('Timeout'),
          (n) => n <= timersBefore,
        ),
      ).toBeLessThanOrEqual(timersBefore);
      if (threadsBefore !== undefined) {
        const threadsAfter = await eventually(osThreadCount, (n) => (n ?? 0) <= threadsBefore);
        expect(threadsAfter).toBeLessThanOrEqual(threadsBefore);
      }
    });
  });
}

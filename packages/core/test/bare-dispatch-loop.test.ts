import { startFixtureServer } from '@fanout/fixture-server';
import { expect, it } from 'vitest';
import { bareDispatchLoop } from '../src/bare/index.js';

it('counts every answer and every body byte, cycling through the URLs, never more lanes than asked', async () => {
  const server = await startFixtureServer({ latencyMs: 5 });
  const loop = bareDispatchLoop(
    [`${server.url}/a?size=100`, `${server.url}/b?size=3000`, `${server.url}/c?status=404`],
    3,
  );
  try {
    const batch = await loop.run(30, 3);
    expect(batch).toEqual({ succeeded: 20, failed: 10, bytes: 10 * 100 + 10 * 3000 + 10 * 1024 });
    expect(server.stats().requests).toBe(30);
    expect(server.stats().maxInFlight).toBe(3);
  } finally {
    await loop.close();
    await server.close();
  }
});

it('counts a refused connection as a failure instead of rejecting', async () => {
  const server = await startFixtureServer();
  const url = `${server.url}/gone`;
  await server.close();
  const loop = bareDispatchLoop([url], 2);
  try {
    expect(await loop.run(4, 2)).toEqual({ succeeded: 0, failed: 4, bytes: 0 });
  } finally {
    await loop.close();
  }
});

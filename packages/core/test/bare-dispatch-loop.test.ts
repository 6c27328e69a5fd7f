import { startFixtureServer } from '@fanout/fixture-server';
import { expect, it } from 'vitest';
import { bareDispatchLoop, h2Layout } from '../src/bare/index.js';

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

it('lays out h2 in flight as core’s transport does: ⌈W ÷ 100⌉ connections carrying W streams in all', () => {
  expect([1, 64, 100, 101, 256, 1024].map((inFlight) => h2Layout(inFlight))).toEqual([
    { connections: 1, streams: 1 },
    { connections: 1, streams: 64 },
    { connections: 1, streams: 100 },
    { connections: 2, streams: 51 },
    { connections: 3, streams: 86 },
    { connections: 11, streams: 94 },
  ]);
});

it('multiplexes an origin known to speak h2: W in flight on ⌈W ÷ 100⌉ connections', async () => {
  const server = await startFixtureServer({ tls: true, http2: true });
  const url = `${server.url}/page?latency=100`;
  const multiplexed = bareDispatchLoop([url], 120, {
    ca: server.ca as string,
    http2: true,
    h2Origins: [new URL(url).origin],
  });
  try {
    expect(await multiplexed.run(240, 120)).toMatchObject({ succeeded: 240, failed: 0 });
    expect(server.stats()).toMatchObject({ connections: 2, http2Sessions: 2, http2Streams: 240, maxInFlight: 120 });
  } finally {
    await multiplexed.close();
    await server.close();
  }
});

it('offered h2 without the probe’s answer, opens a connection per request in flight (it may not multiplex)', async () => {
  const server = await startFixtureServer({ tls: true, http2: true });
  const single = bareDispatchLoop([`${server.url}/page?latency=100`], 8, { ca: server.ca as string, http2: true });
  try {
    expect(await single.run(16, 8)).toMatchObject({ succeeded: 16, failed: 0 });
    expect(server.stats()).toMatchObject({ connections: 8, http2Sessions: 8, http2Streams: 16, maxInFlight: 8 });
  } finally {
    await single.close();
    await server.close();
  }
});

import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { serverPerTest } from './per-test-server.js';

const start = serverPerTest();

async function get(url: string) {
  const response = await request(url);
  const body = Buffer.from(await response.body.arrayBuffer());
  const location = response.headers.location;
  return { status: response.statusCode, body, location: typeof location === 'string' ? location : undefined };
}

/** Follows Location headers by hand (undici.request does not), recording every hop, up to `limit` hops. */
async function follow(base: string, path: string, limit = 20) {
  const locations: string[] = [];
  let current = path;
  for (;;) {
    const answer = await get(`${base}${current}`);
    if (answer.status !== 302 || answer.location === undefined || locations.length === limit) {
      return { ...answer, locations };
    }
    locations.push(answer.location);
    current = answer.location;
  }
}

describe('redirect faults', () => {
  it('redirect: 3 hops by default, hops counting down, other params kept, then the normal answer', async () => {
    const server = await start();
    const result = await follow(server.url, '/files/a.bin?size=777&fault=redirect&status=201');
    expect(result.locations).toEqual([
      '/files/a.bin?size=777&fault=redirect&status=201&hops=2',
      '/files/a.bin?size=777&fault=redirect&status=201&hops=1',
      '/files/a.bin?size=777&fault=redirect&status=201&hops=0',
    ]);
    expect(result.status).toBe(201);
    expect(result.body.length).toBe(777);
    // Three 302s are faults; the last hop is a normal answer.
    expect(server.stats()).toMatchObject({ requests: 4, inFlight: 0 });
    expect(server.stats().faults.redirect).toBe(3);
  });

  it('redirect: hops chooses the chain length, and hops=0 is answered normally', async () => {
    const server = await start();
    const five = await follow(server.url, '/r?hops=5&fault=redirect&size=10');
    expect(five.locations.map((location) => new URLSearchParams(location.split('?')[1]).get('hops'))).toEqual([
      '4',
      '3',
      '2',
      '1',
      '0',
    ]);
    expect(five.body.length).toBe(10);
    const none = await follow(server.url, '/r?hops=0&fault=redirect&size=12');
    expect(none.locations).toEqual([]);
    expect(none.body.length).toBe(12);
    expect(server.stats().faults.redirect).toBe(5);
  });

  it('redirect: a 302 with an empty body and a path on this server only', async () => {
    const server = await start();
    const hop = await get(`${server.url}//evil.example/x?fault=redirect`);
    expect(hop.status).toBe(302);
    expect(hop.body.length).toBe(0);
    expect(hop.location?.startsWith('/x?')).toBe(true);
  });

  it('redirect-loop: every Location is the very URL that was asked for, forever', async () => {
    const server = await start();
    const path = '/loop/me?size=5&fault=redirect-loop&latency=0';
    const result = await follow(server.url, path, 25);
    expect(result.status).toBe(302);
    expect(result.locations).toHaveLength(25);
    expect(new Set(result.locations)).toEqual(new Set([path]));
    expect(server.stats().faults['redirect-loop']).toBe(26);
  });
});

import { describe, expect, it } from 'vitest';
import { FAULT_NAMES, type FixtureServer, MALFORMED_RESPONSE, startFixtureServer } from '../src/index.js';
import { seeded } from '../src/seeded.js';
import { serverPerTest } from './per-test-server.js';
import { type RawOutcome, rawGet, splitResponse } from './raw-client.js';

const start = serverPerTest();

/** Replays `values` and counts the calls, to see exactly which requests spent a draw. */
function scripted(values: readonly number[]) {
  let calls = 0;
  const random = (): number => {
    const value = values[calls];
    calls += 1;
    if (value === undefined) throw new Error('random source exhausted');
    return value;
  };
  return { random, calls: () => calls };
}

/** What the client saw, judged from the bytes alone. */
function classify(outcome: RawOutcome): string {
  if (outcome.data.equals(MALFORMED_RESPONSE)) return 'malformed';
  if (outcome.error === 'ECONNRESET' && outcome.data.length === 0) return 'reset-before-headers';
  const { statusLine, headers, body } = splitResponse(outcome.data);
  if (statusLine.startsWith('HTTP/1.1 302')) return 'redirect';
  if (outcome.fin && body.length < Number(headers['content-length'])) return 'truncated';
  if (outcome.complete && statusLine === 'HTTP/1.1 200 OK') return 'normal';
  return `unexpected: ${statusLine} ${JSON.stringify(outcome)}`;
}

async function run(fixture: FixtureServer, count: number): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < count; i += 1) {
    seen.push(classify(await rawGet(fixture.port, `/job/${i}?size=64`, { untilComplete: true })));
  }
  return seen;
}

function tally(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

describe('fault mix', () => {
  it('maps each draw onto the cumulative ratios in FAULT_NAMES order', async () => {
    // reset-before-headers comes before truncated in FAULT_NAMES: [0, 0.1) resets, [0.1, 0.3) truncates
    // (0.3 itself is left out: 0.1 + 0.2 is slightly above 0.3 in floating point).
    const source = scripted([0.05, 0.25, 0.45, 0.0999, 0.1, 0.2999, 0.3001, 0.999]);
    const server = await start({ faults: { truncated: 0.2, 'reset-before-headers': 0.1 }, ...source });
    expect(await run(server, 8)).toEqual([
      'reset-before-headers',
      'truncated',
      'normal',
      'reset-before-headers',
      'truncated',
      'truncated',
      'normal',
      'normal',
    ]);
    expect(source.calls()).toBe(8);
  });

  it('a seeded mix gives the expected distribution, and stats.faults add up', async () => {
    const faults = { truncated: 0.2, malformed: 0.1, redirect: 0.3 } as const;
    const count = 400;
    const server = await start({ faults, random: seeded(42) });
    const seen = await run(server, count);
    const counts = tally(seen);
    // Binomial spread for n = 400 is at most 10 requests (one sd); 4 sd of slack cannot flake with a fixed seed.
    for (const [name, ratio] of Object.entries({ ...faults, normal: 0.4 })) {
      expect(Math.abs((counts[name] ?? 0) - ratio * count)).toBeLessThan(40);
    }
    expect(Object.keys(counts).sort()).toEqual(['malformed', 'normal', 'redirect', 'truncated']);
    const stats = server.stats();
    expect(stats.requests).toBe(count);
    expect(stats.faults).toEqual({
      ...Object.fromEntries(FAULT_NAMES.map((name) => [name, 0])),
      truncated: counts.truncated,
      malformed: counts.malformed,
      redirect: counts.redirect,
    });
    expect(Object.values(stats.faults).reduce((sum, n) => sum + n, 0) + (counts.normal ?? 0)).toBe(count);
    // Same seed, same run.
    await server.close();
    const replay = await start({ faults, random: seeded(42) });
    expect(await run(replay, count)).toEqual(seen);
  });

  it('a drawn redirect pins the fault in its Location, so the chain does not draw again', async () => {
    const server = await start({ faults: { redirect: 1 } });
    const outcome = await rawGet(server.port, '/a?size=9', { untilComplete: true });
    expect(splitResponse(outcome.data).headers.location).toBe('/a?size=9&fault=redirect&hops=2');
  });

  it('a drawn redirect-loop points at a URL that then points at itself', async () => {
    const server = await start({ faults: { 'redirect-loop': 1 } });
    const first = splitResponse((await rawGet(server.port, '/a?size=9', { untilComplete: true })).data);
    expect(first.headers.location).toBe('/a?size=9&fault=redirect-loop');
    const again = splitResponse(
      (await rawGet(server.port, '/a?size=9&fault=redirect-loop', { untilComplete: true })).data,
    );
    expect(again.headers.location).toBe('/a?size=9&fault=redirect-loop');
  });

  it('a fault in the query, fault=none, control routes and bad queries spend no draw', async () => {
    const source = scripted([0]);
    const server = await start({ faults: { malformed: 1 }, ...source });
    expect(classify(await rawGet(server.port, '/a?fault=truncated', { untilComplete: true }))).toBe('truncated');
    expect(classify(await rawGet(server.port, '/b?fault=none', { untilComplete: true }))).toBe('normal');
    expect(splitResponse((await rawGet(server.port, '/c?size=x', { untilComplete: true })).data).statusLine).toBe(
      'HTTP/1.1 400 Bad Request',
    );
    await rawGet(server.port, '/__fanout/stats', { untilComplete: true });
    expect(source.calls()).toBe(0);
    expect(classify(await rawGet(server.port, '/d', { untilComplete: true }))).toBe('malformed');
    expect(source.calls()).toBe(1);
  });

  it('stats.faults is served on the control route and zeroed by a reset', async () => {
    const server = await start({ faults: { malformed: 0.5, truncated: 0.5 }, random: seeded(7) });
    await run(server, 10);
    const served = splitResponse((await rawGet(server.port, '/__fanout/stats', { untilComplete: true })).data);
    const stats = JSON.parse(served.body.toString()) as { faults: Record<string, number> };
    expect((stats.faults.malformed ?? 0) + (stats.faults.truncated ?? 0)).toBe(10);
    server.resetStats();
    expect(Object.values(server.stats().faults)).toEqual(FAULT_NAMES.map(() => 0));
  });

  it('refuses a mix that is not a set of probabilities, naming the bad entry', async () => {
    await expect(startFixtureServer({ faults: { hang: 0.6, truncated: 0.5 } })).rejects.toThrow(
      /sum to 1\.1, more than 1/,
    );
    await expect(startFixtureServer({ faults: { hang: 1.5 } })).rejects.toThrow(/ratio of fault "hang"/);
    await expect(startFixtureServer({ faults: { hang: -0.1 } })).rejects.toThrow(/ratio of fault "hang"/);
    const unknown = { nope: 0.1 } as unknown as Record<'hang', number>;
    await expect(startFixtureServer({ faults: unknown })).rejects.toThrow(/unknown fault "nope"; known faults: /);
  });
});

import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { FAULT_NAMES, type FixtureServer, parseFaultMix, startFixtureServer } from '../src/index.js';

describe('parseFaultMix', () => {
  it('reads NAME:RATIO pairs, ignoring spaces', () => {
    expect(parseFaultMix('reset-before-headers:0.1,hang:0.05')).toEqual({ 'reset-before-headers': 0.1, hang: 0.05 });
    expect(parseFaultMix(' endless : .5 , malformed:0 ')).toEqual({ endless: 0.5, malformed: 0 });
    expect(parseFaultMix('truncated:1')).toEqual({ truncated: 1 });
    expect(parseFaultMix('')).toEqual({});
    // 0.1 + 0.2 + 0.7 is 1.0000000000000002 in floating point, which still means "all of them".
    expect(parseFaultMix('hang:0.1,truncated:0.2,malformed:0.7')).toEqual({
      hang: 0.1,
      truncated: 0.2,
      malformed: 0.7,
    });
    expect(parseFaultMix(FAULT_NAMES.map((name) => `${name}:0.05`).join(','))).toHaveProperty('slow-headers', 0.05);
  });

  it('names an unknown fault and lists the known ones', () => {
    expect(() => parseFaultMix('hang:0.1,reset:0.2')).toThrow(
      `fault mix entry "reset:0.2": unknown fault "reset"; known faults: ${FAULT_NAMES.join(', ')}`,
    );
  });

  it('names a ratio that is not a number in [0, 1]', () => {
    for (const ratio of ['1.5', '-0.1', 'abc', '', '0x1', '1e-1', 'NaN']) {
      expect(() => parseFaultMix(`hang:${ratio}`)).toThrow(
        `ratio of fault "hang" must be a number in [0, 1], got ${JSON.stringify(ratio)}`,
      );
    }
  });

  it('names an entry without a ratio, and an empty entry', () => {
    expect(() => parseFaultMix('hang')).toThrow('fault mix entry "hang" must be NAME:RATIO');
    expect(() => parseFaultMix('hang:0.1,')).toThrow('fault mix entry "" must be NAME:RATIO');
  });

  it('refuses a sum above 1 and a duplicate', () => {
    expect(() => parseFaultMix('hang:0.6,endless:0.5')).toThrow('fault mix ratios sum to 1.1, more than 1');
    expect(() => parseFaultMix('hang:0.1,endless:0.2,hang:0.1')).toThrow('fault "hang" appears twice in the fault mix');
  });
});

describe('fault query parameters', () => {
  let server: FixtureServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function badRequest(fixture: FixtureServer, query: string): Promise<string> {
    const response = await request(`${fixture.url}/x?${query}`);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/json');
    return ((await response.body.json()) as { error: string }).error;
  }

  it('answers an unknown fault or a bad hops or drip with 400 naming the parameter', async () => {
    server = await startFixtureServer();
    expect(await badRequest(server, 'fault=explode')).toBe(
      `query parameter fault must be one of none, ${FAULT_NAMES.join(', ')}, got "explode"`,
    );
    expect(await badRequest(server, 'fault=')).toContain('query parameter fault must be one of');
    expect(await badRequest(server, 'fault=redirect&hops=-1')).toBe(
      'query parameter hops must be an integer in [0, 100], got "-1"',
    );
    expect(await badRequest(server, 'fault=redirect&hops=101')).toContain('query parameter hops');
    expect(await badRequest(server, 'fault=slow-drip&drip=0')).toBe(
      'query parameter drip must be an integer in [1, 60000], got "0"',
    );
    expect(await badRequest(server, 'drip=1.5')).toContain('query parameter drip');
    expect(await badRequest(server, 'fault=slow-drip&size=-4')).toContain('query parameter size');
    // A refused request is still counted, and is not a fault.
    expect(server.stats()).toMatchObject({ requests: 7, inFlight: 0 });
    expect(Object.values(server.stats().faults).every((count) => count === 0)).toBe(true);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFixtureServer } from '@fanout/fixture-server';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRunFlags } from '../src/config.js';
import { RUN_FLAGS } from '../src/flags/run-flags.js';
import { UsageError } from '../src/usage-error.js';

const folder = mkdtempSync(join(tmpdir(), 'fanout-ca-test-'));
const file = (name: string, text: string) => {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
};
let caPem = '';

beforeAll(async () => {
  // A real CA, made by the fixture server the way it makes its own.
  const server = await startFixtureServer({ tls: true });
  caPem = server.ca ?? '';
  await server.close();
});

const usage = (flags: Parameters<typeof parseRunFlags>[0]) => {
  try {
    parseRunFlags(flags);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
};

describe('the protocol and network flags, checked at the edge', () => {
  it('resolves the embedded server over TLS, h2, gzip behind a 20 ms relay', () => {
    const config = parseRunFlags({ tls: true, http2: true, compress: 'gzip', rtt: '20', bandwidth: '2.5' });
    expect(config.protocol).toEqual({ tls: true, http2: true, compress: 'gzip', caFile: undefined, caPem: undefined });
    expect(config.network).toEqual({ rttMs: 20, bandwidthMbit: 2.5 });
    expect(parseRunFlags({}).network).toBeUndefined();
    expect(parseRunFlags({ bandwidth: '10' }).network).toEqual({ rttMs: 0, bandwidthMbit: 10 });
  });

  it('refuses a flag that would do nothing, naming it', () => {
    expect(usage({ http2: true })).toMatch(/--http2 needs --tls/);
    expect(usage({ tls: true, url: ['https://127.0.0.1:1/'] })).toMatch(/--tls applies to the embedded server/);
    expect(usage({ http2: true, url: ['http://127.0.0.1:1/'] })).toMatch(/--http2 needs https --url/);
    expect(usage({ ca: 'x.pem' })).toMatch(/--ca applies to --url targets/);
    expect(usage({ ca: 'x.pem', url: ['http://127.0.0.1:1/'] })).toMatch(/--ca "x.pem" is for https --url targets/);
    expect(usage({ rtt: '20', allowRemote: true, url: ['https://example.com/'] })).toMatch(
      /--rtt and --bandwidth .* "https:\/\/example.com\/" is not on loopback/,
    );
  });

  it('checks each value: --compress, --rtt, --bandwidth', () => {
    expect(usage({ compress: 'zstd' })).toMatch(/--compress is not a compression; known: gzip, br \(got "zstd"\)/);
    expect(usage({ rtt: '-1' })).toMatch(/--rtt must be at least 0 \(got "-1"\)/);
    expect(usage({ rtt: '60001' })).toMatch(/--rtt must be at most 60000/);
    expect(usage({ bandwidth: '0' })).toMatch(/--bandwidth must be at least 0.001/);
    expect(usage({ bandwidth: 'fast' })).toMatch(/--bandwidth must be a number \(got "fast"\)/);
  });

  it('reads --ca at the edge: a clear error naming the file, or its PEM', () => {
    const url = ['https://127.0.0.1:1/'];
    expect(usage({ ca: join(folder, 'missing.pem'), url })).toMatch(/--ca ".*missing.pem": no such file/);
    expect(usage({ ca: folder, url })).toMatch(/--ca ".*": is a directory/);
    expect(usage({ ca: file('empty.pem', 'hello'), url })).toMatch(/--ca ".*empty.pem": no PEM certificate in it/);
    const broken = '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n';
    expect(usage({ ca: file('broken.pem', broken), url })).toMatch(
      /--ca ".*broken.pem": certificate 1 is not valid PEM X.509/,
    );
    const good = file('ca.pem', `# our CA\n${caPem}`);
    const config = parseRunFlags({ ca: good, url });
    expect(config.protocol.caFile).toBe(good);
    expect(config.protocol.caPem?.trim()).toBe(caPem.trim());
    expect(config.protocol.tls).toBe(true);
  });

  it("says in --max-per-host's help that it caps each origin (core's maxPerOrigin)", () => {
    expect(RUN_FLAGS.maxPerHost.help).toMatch(/per origin .*maxPerOrigin/);
  });
});

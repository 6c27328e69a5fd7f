import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunReport, runCli, tempDir } from './cli-helper.js';
import {
  type Certificates,
  type ForeignServer,
  hasCommand,
  makeCertificates,
  startNghttpd,
  startNginx,
  startPythonHttps,
} from './foreign-servers.js';

// `fanout run --url https://…` against HTTPS servers nobody here wrote (issue 19): Python's http.server in `ssl`
// (HTTP/1.1, no ALPN), nghttpd (h2 only) and nginx (h2 and HTTP/1.1 by ALPN, gzip), each with a certificate from a
// private CA made by openssl. The fixture server in its own process is cli-url-https.load.test.ts's.
const JOBS = 6;
const SIZE = 23_456;
const STRATEGIES = 'async,thread-pool';

const missingPython = hasCommand('/usr/bin/python3') ? undefined : 'no /usr/bin/python3';
const missingOpenssl = hasCommand('openssl', 'version') ? undefined : 'no openssl (Debian: apt-get install openssl)';
const missingNghttpd = hasCommand('nghttpd') ? undefined : 'no nghttpd (Debian: apt-get install nghttp2-server)';
const missingNginx = hasCommand('nginx', '-v') ? undefined : 'no nginx (Debian: apt-get install nginx)';
/** A text page, which nginx gzips. */
const TEXT_LINES = 2000;
const text = Array.from({ length: TEXT_LINES }, (_, i) => `line ${i} of a page that compresses well\n`).join('');

let certs: Certificates;
let root = '';
let dir = '';
const servers: ForeignServer[] = [];

beforeAll(() => {
  if (missingOpenssl) return;
  dir = tempDir();
  certs = makeCertificates(dir);
  root = join(dir, 'www');
  mkdirSync(root);
  // Bytes that do not compress, so nothing in between could shrink them unseen.
  writeFileSync(join(root, 'page.bin'), Buffer.from(Array.from({ length: SIZE }, (_, i) => (i * 7919) % 251)));
  writeFileSync(join(root, 'page.txt'), text);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function run(url: string, extra: readonly string[], page = 'page.bin') {
  const cwd = tempDir();
  const result = await runCli(
    [
      'run',
      '--url',
      `${url}/${page}`,
      '--strategies',
      STRATEGIES,
      '--concurrency',
      '2',
      '--jobs',
      String(JOBS),
      '--iterations',
      '1',
      '--out',
      'out',
      ...extra,
    ],
    cwd,
  );
  return { result, ...readRunReport(cwd) };
}

/** Every job of every point failed with the stable TLS code, said in one clear line, without a stack trace. */
async function expectCertRefused(url: string, extra: readonly string[] = []) {
  const { result, runs } = await run(url, ['--fail-on-error', ...extra]);
  // README: exit 1 when jobs failed and --fail-on-error was given.
  expect(result.code).toBe(1);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(runs).toHaveLength(2);
  for (const point of runs) {
    expect(point.worstBatch).toMatchObject({ succeeded: 0, failed: JOBS, errors: { TLS_CERT_INVALID: JOBS } });
  }
  expect(result.stdout).toContain('TLS_CERT_INVALID');
}

describe.skipIf(missingPython ?? missingOpenssl)(
  `Python's http.server over TLS (${missingPython ?? missingOpenssl ?? 'HTTP/1.1, no ALPN'})`,
  { timeout: 120_000 },
  () => {
    let server: ForeignServer;
    beforeAll(async () => {
      server = await startPythonHttps(root, certs);
      servers.push(server);
    });

    it('every job succeeds with --ca, and --http2 falls back to http/1.1, which the report names', async () => {
      for (const extra of [[], ['--http2', '--wide']]) {
        const { result, runs } = await run(server.url, ['--ca', certs.caFile, ...extra]);
        expect(result.code, result.stderr).toBe(0);
        expect(runs).toHaveLength(2);
        for (const point of runs) {
          expect(point.worstBatch).toMatchObject({ succeeded: JOBS, failed: 0, bytes: JOBS * SIZE });
          // h2 asked, not offered: every job went over HTTP/1.1, and the result says so.
          if (extra.length > 0) expect(point.totals.protocols).toEqual({ 'http/1.1': JOBS * point.samples });
        }
        if (extra.length > 0) expect(result.stdout).toMatch(/│ async +│ +2 │.*│ http\/1\.1 +│/);
      }
    });

    it('fails every job with TLS_CERT_INVALID without --ca', async () => {
      await expectCertRefused(server.url);
    });
  },
);

describe.skipIf(missingOpenssl ?? missingNghttpd)(
  `nghttpd (${missingOpenssl ?? missingNghttpd ?? 'nghttp2, h2 only'})`,
  { timeout: 120_000 },
  () => {
    let server: ForeignServer;
    beforeAll(async () => {
      server = await startNghttpd(root, certs);
      servers.push(server);
    });

    it('every job succeeds over h2 with --ca --http2, and the report says h2', async () => {
      const { result, runs } = await run(server.url, ['--ca', certs.caFile, '--http2', '--wide']);
      expect(result.code, result.stderr).toBe(0);
      expect(runs).toHaveLength(2);
      for (const point of runs) {
        expect(point.worstBatch).toMatchObject({ succeeded: JOBS, failed: 0, bytes: JOBS * SIZE });
        expect(point.totals.protocols).toEqual({ h2: JOBS * point.samples });
      }
      expect(result.stdout).toMatch(/│ async +│ +2 │.*│ h2 +│/);
    });

    it('fails every job with TLS_CERT_INVALID without --ca', async () => {
      await expectCertRefused(server.url, ['--http2']);
    });
  },
);

describe.skipIf(missingOpenssl ?? missingNginx)(
  `nginx (${missingOpenssl ?? missingNginx ?? 'h2 and HTTP/1.1 by ALPN, gzip'})`,
  { timeout: 120_000 },
  () => {
    let server: ForeignServer;
    beforeAll(async () => {
      server = await startNginx(dir, root, certs);
      servers.push(server);
    });

    it('every job succeeds with --ca --compress gzip over h2 and over HTTP/1.1: decoded bytes the page, fewer on the wire', async () => {
      for (const [extra, protocol] of [
        [['--http2'], 'h2'],
        [[], 'http/1.1'],
      ] as const) {
        const { result, runs } = await run(
          server.url,
          ['--ca', certs.caFile, '--compress', 'gzip', ...extra],
          'page.txt',
        );
        expect(result.code, result.stderr).toBe(0);
        expect(runs).toHaveLength(2);
        for (const point of runs) {
          expect(point.worstBatch).toMatchObject({ succeeded: JOBS, failed: 0, bytes: JOBS * text.length });
          // Results name their protocol where h2 was offered; an HTTP/1.1-only client's name none or http/1.1.
          if (protocol === 'h2') expect(point.totals.protocols).toEqual({ h2: JOBS * point.samples });
          else expect(Object.keys(point.totals.protocols ?? {})).not.toContain('h2');
          // The page compresses to a small part of itself, so what crossed the wire is far less than what was counted.
          expect(point.totals.wireBytes).toBeGreaterThan(0);
          expect(point.totals.wireBytes).toBeLessThan((point.totals.bytes ?? 0) / 4);
        }
      }
    });

    it('fails every job with TLS_CERT_INVALID without --ca', async () => {
      await expectCertRefused(server.url, ['--http2', '--compress', 'gzip']);
    });
  },
);

import { describe, expect, it } from 'vitest';
import { renderHtml } from '../src/report/html.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderTable } from '../src/report/table.js';
import { completed, makeReport } from './report-fixture.js';

/** Two points over HTTPS: an h2 one on one connection, an HTTP/1.1 pool of 16 that paid 2 handshakes (1 resumed). */
function protocolReport() {
  const h2 = {
    ...completed('async', 16, 120),
    server: {
      requests: 500,
      maxInFlight: 16,
      connections: 1,
      tlsHandshakes: 0,
      tlsResumed: 0,
      http2Sessions: 1,
      http2Streams: 500,
      protocol: 'h2' as const,
    },
  };
  const pool = {
    ...completed('thread-pool', 16, 150),
    server: {
      requests: 500,
      maxInFlight: 16,
      connections: 17,
      tlsHandshakes: 2,
      tlsResumed: 1,
      http2Sessions: 0,
      http2Streams: 0,
      protocol: 'https/1.1' as const,
    },
  };
  return makeReport([h2, pool], {});
}

describe("a point's server counters, in every rendering", async () => {
  const report = protocolReport();
  report.settings.tls = true;
  report.settings.http2 = true;
  report.settings.compress = 'gzip';
  report.settings.rttMs = 20;
  const outputs = {
    wide: renderTable(report),
    markdown: renderMarkdown(report),
    html: await renderHtml(report),
  };

  it('shows the protocol, connections, handshakes, streams and most in flight of each point', () => {
    for (const [name, text] of Object.entries(outputs)) {
      for (const head of ['proto', 'conns', 'TLS hs', 'h2 streams', 'srv max']) expect(text, name).toContain(head);
      expect(text, name).toContain('https/1.1');
      expect(text, name).toContain('2 +1 r');
    }
    const row = (strategy: string) => outputs.wide.split('\n').find((line) => line.startsWith(`│ ${strategy} `)) ?? '';
    expect(row('async')).toMatch(/│ h2 +│ +1 │ +0 │ +500 │ +16 │/);
    expect(row('thread-pool')).toMatch(/│ https\/1.1 +│ +17 │ +2 \+1 r │ +– │ +16 │/);
  });

  it('says what the run spoke and the round trip the relay added', () => {
    expect(outputs.markdown).toMatch(
      /\| Protocol \| HTTPS, HTTP\/2 offered by ALPN .*gzip bodies decoded by every client \|/,
    );
    expect(outputs.markdown).toMatch(/\| Network \| a relay in its own process adds a 20.0 ms round trip/);
  });
});

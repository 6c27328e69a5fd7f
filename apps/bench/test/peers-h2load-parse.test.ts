import { describe, expect, it } from 'vitest';
import { h2loadRequests, h2loadShape, parseH2loadOutput } from '../src/peers/h2load.js';

// Captured from a real `h2load -n 200 -c 1 -m 4 -t 1 --npn-list=h2 -H 'accept-encoding: gzip'` against
// `fanout-fixture-server --tls --http2 --compress gzip` (h2load nghttp2/1.52.0, Debian).
const REAL = `starting benchmark...
spawning thread #0: 1 total client(s). 200 total requests
TLS Protocol: TLSv1.3
Cipher: TLS_AES_256_GCM_SHA384
Server Temp Key: X25519 253 bits
Application protocol: h2
progress: 10% done
progress: 100% done

finished in 46.05ms, 4343.01 req/s, 2.04MB/s
requests: 200 total, 200 started, 200 done, 200 succeeded, 0 failed, 0 errored, 0 timeout
status codes: 200 2xx, 0 3xx, 0 4xx, 0 5xx
traffic: 96.20KB (98504) total, 2.42KB (2480) headers (space savings 92.39%), 88.48KB (90600) data
                     min         max         mean         sd        +/- sd
time for request:      278us      5.40ms       833us      1.01ms    92.00%
time for connect:     3.69ms      3.69ms      3.69ms         0us   100.00%
time to 1st byte:     7.91ms      7.91ms      7.91ms         0us   100.00%
req/s           :    4368.80     4368.80     4368.80        0.00   100.00%
`;

// The same against an HTTPS server that offers HTTP/1.1 only: nothing negotiated, nothing sent, exit status 0.
const NOT_H2 = `starting benchmark...
spawning thread #0: 1 total client(s). 20 total requests

finished in 5.12ms, 0.00 req/s, 0B/s
requests: 20 total, 0 started, 0 done, 0 succeeded, 20 failed, 20 errored, 0 timeout
status codes: 0 2xx, 0 3xx, 0 4xx, 0 5xx
`;

describe("h2load's output", () => {
  it('reads the rate, the requests and the 2xx answers', () => {
    expect(parseH2loadOutput(REAL)).toEqual({
      requests: 200,
      ok2xx: 200,
      seconds: 0.04605,
      requestsPerSecond: 4343.01,
    });
    expect(parseH2loadOutput(NOT_H2)).toMatchObject({ requests: 20, ok2xx: 0, requestsPerSecond: 0 });
  });

  it('refuses output it does not know, quoting it', () => {
    expect(() => parseH2loadOutput('h2load: unrecognized option')).toThrow(/h2load: unexpected output: h2load:/);
  });

  it('puts W in flight as streams on ⌈W ÷ 100⌉ connections, and sizes a run to a second at the last rate', () => {
    expect(h2loadShape(1)).toEqual({ clients: 1, streams: 1 });
    expect(h2loadShape(50)).toEqual({ clients: 1, streams: 50 });
    expect(h2loadShape(300)).toEqual({ clients: 3, streams: 100 });
    expect(h2loadShape(250)).toEqual({ clients: 3, streams: 84 });
    expect(h2loadRequests(200, 0, 1)).toBe(200);
    expect(h2loadRequests(200, 4343.2, 1)).toBe(4344);
    expect(h2loadRequests(20_000, 4343, 1)).toBe(20_000);
  });
});

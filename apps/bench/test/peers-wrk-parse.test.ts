import { describe, expect, it } from 'vitest';
import { childrenCpuMs } from '../src/peers/tools.js';
import { parseWrkOutput, wrkSeconds } from '../src/peers/wrk.js';

// Captured from a real `wrk -t1 -c10 -d1s --latency` against `fanout serve --size 1024` (wrk 4.1.0, Debian).
const REAL = `Running 1s test @ http://127.0.0.1:37975/
  1 threads and 10 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.65ms    6.73ms  54.78ms   93.10%
    Req/Sec    13.09k     6.77k   20.80k    50.00%
  Latency Distribution
     50%  437.00us
     75%    1.69ms
     90%    5.24ms
     99%   40.83ms
  13068 requests in 1.01s, 14.83MB read
Requests/sec:  12988.14
Transfer/sec:     14.74MB
`;

describe("wrk's report, parsed", () => {
  it('reads totals, the rate, the percentiles and the max in milliseconds', () => {
    expect(parseWrkOutput(REAL)).toEqual({
      requests: 13068,
      seconds: 1.01,
      requestsPerSecond: 12988.14,
      errors: 0,
      latencyMs: { p50: 0.437, p90: 5.24, p99: 40.83, max: 54.78 },
    });
  });

  it('counts socket errors and non-2xx answers as errors', () => {
    const withErrors = REAL.replace(
      'Requests/sec:',
      '  Socket errors: connect 0, read 3, write 1, timeout 2\n  Non-2xx or 3xx responses: 4\nRequests/sec:',
    );
    expect(parseWrkOutput(withErrors).errors).toBe(10);
  });

  it('names unexpected output instead of inventing numbers', () => {
    expect(() => parseWrkOutput('unable to connect to 127.0.0.1:1 Connection refused')).toThrow(/unexpected output/);
  });

  it('runs long enough for about the job count, in whole seconds from 1 to 30', () => {
    expect(wrkSeconds(20_000, 40_000)).toBe(1);
    expect(wrkSeconds(200_000, 20_000)).toBe(10);
    expect(wrkSeconds(200_001, 20_000)).toBe(11);
    expect(wrkSeconds(10_000_000, 1000)).toBe(30);
    expect(wrkSeconds(100, 0)).toBe(1);
  });

  it("reads wrk's CPU from the stat line of the shell that waited for it (cutime + cstime)", () => {
    // /proc/<pid>/stat of a `sh` after `wrk` exited: utime 0, stime 0, cutime 87, cstime 141 (ticks of 10 ms).
    const stat = '4242 (s h) S 4200 4242 4200 0 -1 4194304 120 300 0 0 0 0 87 141 20 0 1 0 5000 2600000 200';
    expect(childrenCpuMs(stat)).toBe(2280);
    expect(childrenCpuMs(undefined)).toBeUndefined();
  });
});

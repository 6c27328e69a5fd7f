import { fileURLToPath } from 'node:url';
import { isLoopbackHost as isLoopback } from '@fanout/core';
import { describe, expect, it } from 'vitest';
import { PEERS } from '../src/peers/registry.js';
import { runProgram } from '../src/peers/spawn-json.js';

const PYTHON_DIR = fileURLToPath(new URL('../peers/python/', import.meta.url));

/** Hosts both rules must judge alike (what a Location header can hold, after each library's own parse): loopback… */
const LOOPBACK = [
  'http://localhost/',
  'http://LOCALHOST:8080/x',
  'http://127.0.0.1:9/',
  'http://127.255.0.9/',
  'http://[::1]:9/',
  'http://[0:0:0:0:0:0:0:1]/',
];
/** …and not. */
const REMOTE = [
  'http://10.0.0.1/',
  'http://192.0.2.10:8080/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://localhost./',
  'http://foo.localhost/',
  'http://0.0.0.0/',
  'http://127.0.0.1.nip.io/',
  'http://example.com/',
];
const SAME = [...LOOPBACK, ...REMOTE];
/** Forms the WHATWG parser normalises to 127.0.0.1 (so fanout's --url check allows them): Python refuses them. */
const STRICTER = ['http://127.1/', 'http://2130706433/', 'http://0x7f000001/'];

const SCRIPT = `
import json, sys
from reach import is_loopback
from urllib3.util import parse_url
import yarl
urls = json.loads(sys.argv[1])
print(json.dumps([[is_loopback(yarl.URL(u).raw_host), is_loopback(parse_url(u).host)] for u in urls]))
`;

describe("the Python peers' loopback rule beside fanout's (reach.py, target/urls.ts)", async () => {
  const missing = (await PEERS['python-asyncio'].unavailable()) ?? (await PEERS['python-threads'].unavailable());
  it.skipIf(missing !== undefined)(
    `agrees on every host both parse alike and is never looser (${missing ?? 'python3 found'})`,
    async () => {
      const urls = [...SAME, ...STRICTER];
      const python = process.env.FANOUT_PYTHON ?? '/usr/bin/python3';
      const result = await runProgram(
        'sh',
        ['-c', 'cd "$1" && exec "$2" -c "$3" "$4"', 'sh', PYTHON_DIR, python, SCRIPT, JSON.stringify(urls)],
        AbortSignal.timeout(20_000),
      );
      const verdicts = JSON.parse(result.stdout) as [boolean, boolean][];
      urls.forEach((url, index) => {
        const node = isLoopback(new URL(url).hostname);
        const [aiohttp, requests] = verdicts[index] as [boolean, boolean];
        expect([url, aiohttp, requests]).toEqual([
          url,
          SAME.includes(url) ? node : false,
          SAME.includes(url) ? node : false,
        ]);
      });
      expect(urls.filter((url) => isLoopback(new URL(url).hostname))).toEqual([...LOOPBACK, ...STRICTER]);
    },
  );
});

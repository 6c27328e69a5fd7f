#!/usr/bin/env node
// What one new connection costs the client, time and CPU, beside a request on a warm one (issue 19). The fixture
// server (and the relay, when --rtt) run in their own processes, as in a run; this process is the client alone.
// Each cold request opens its own connection (a new undici Client: no TLS session to resume); the warm requests
// reuse one. Cost per new connection = cold − warm. Usage (after the build, under `machine quiet`):
//   node apps/bench/scripts/connection-cost.mjs [--requests N] [--rtt MS] > docs/results-connection-cost.json
import { parseArgs } from 'node:util';
import { Client } from 'undici';
import { relayedTarget } from '../dist/target/relayed.js';
import { startServerProcess } from '../dist/target/server-process.js';

const { values } = parseArgs({ options: { requests: { type: 'string' }, rtt: { type: 'string' } } });
const REQUESTS = Number(values.requests ?? 200);
const RTT_MS = Number(values.rtt ?? 30);
const PAGE = { path: '/page', sizeBytes: 300, latencyMs: 0 };

async function request(client, url) {
  const response = await client.request({ path: `${url.pathname}${url.search}`, method: 'GET' });
  await response.body.dump({ limit: Number.POSITIVE_INFINITY });
}

/** Wall ms and client CPU µs per request, `n` requests one after another, each on a new connection or all on one. */
async function measure(url, options, n, cold) {
  const target = new URL(url);
  const make = () => new Client(target.origin, options);
  let warm = cold ? undefined : make();
  if (warm) await request(warm, target); // its connection (and handshake) before the clock
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    if (cold) {
      const client = make();
      await request(client, target);
      await client.close();
    } else await request(warm, target);
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await warm?.close();
  warm = undefined;
  return { msPerRequest: ms / n, cpuUsPerRequest: (used.user + used.system) / n };
}

const settings = [
  { name: 'http/1.1, loopback', tls: false, http2: false, rttMs: undefined },
  { name: 'https/1.1, loopback', tls: true, http2: false, rttMs: undefined },
  { name: 'h2, loopback', tls: true, http2: true, rttMs: undefined },
  { name: `https/1.1, ${RTT_MS} ms round trip`, tls: true, http2: false, rttMs: RTT_MS },
  { name: `h2, ${RTT_MS} ms round trip`, tls: true, http2: true, rttMs: RTT_MS },
];
const results = [];
for (const setting of settings) {
  const server = await startServerProcess([PAGE], undefined, {
    tls: setting.tls,
    http2: setting.http2,
    compress: undefined,
  });
  const target =
    setting.rttMs === undefined
      ? server
      : await relayedTarget(server, { rttMs: setting.rttMs, bandwidthMbit: undefined });
  try {
    const options = {
      ...(target.ca ? { connect: { ca: target.ca } } : {}),
      ...(setting.http2 ? { allowH2: true } : {}),
    };
    const url = target.urls[0];
    // One round of each untimed first: the code is compiled, the server warm.
    await measure(url, options, 20, true);
    await measure(url, options, 20, false);
    const n = setting.rttMs === undefined ? REQUESTS : Math.min(REQUESTS, 50);
    const cold = await measure(url, options, n, true);
    const warm = await measure(url, options, n, false);
    results.push({
      setting: setting.name,
      requests: n,
      cold,
      warm,
      perNewConnection: {
        ms: cold.msPerRequest - warm.msPerRequest,
        cpuUs: cold.cpuUsPerRequest - warm.cpuUsPerRequest,
      },
    });
    process.stderr.write(
      `${setting.name}: a new connection costs ${(cold.msPerRequest - warm.msPerRequest).toFixed(2)} ms and ${(cold.cpuUsPerRequest - warm.cpuUsPerRequest).toFixed(0)} µs CPU\n`,
    );
  } finally {
    await target.close();
  }
}
process.stdout.write(
  `${JSON.stringify({ tool: 'fanout connection-cost', node: process.version, startedAt: new Date().toISOString(), page: PAGE, results }, null, 2)}\n`,
);

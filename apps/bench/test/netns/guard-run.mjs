// Runs inside a network namespace made by remote-guard.test.ts (`unshare -n node guard-run.mjs '{…}'`): nothing here
// reaches any other machine. It builds the namespace's network (loopback up, a stand-in remote address on it),
// starts the stand-in remote server and loopback servers that redirect to it, runs the real `fanout run`, and prints
// one JSON line: what the remote server saw and the run's report.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const { cli, args, remoteAddress, redirects, holdMs, json } = JSON.parse(process.argv[2] ?? '{}');

const listen = (server, host) => new Promise((resolve) => server.listen(0, host, () => resolve(server.address().port)));

try {
  execFileSync('ip', ['link', 'set', 'lo', 'up'], { stdio: ['ignore', 'ignore', 'pipe'] });
  execFileSync('ip', ['addr', 'add', `${remoteAddress}/32`, 'dev', 'lo'], { stdio: ['ignore', 'ignore', 'pipe'] });
} catch (error) {
  process.stdout.write(
    `${JSON.stringify({ skipped: `the namespace's network could not be built: ${error.message}` })}\n`,
  );
  process.exit(0);
}

/** How long a loopback target holds each 302. */
const LOOPBACK_HOLD_MS = 2;

// The stand-in for a host that is not this machine: counts connections and requests, and the most in flight.
const seen = { connections: 0, requests: 0, inFlight: 0, maxInFlight: 0 };
const remote = createServer((_request, response) => {
  seen.requests += 1;
  seen.inFlight += 1;
  seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
  response.once('close', () => {
    seen.inFlight -= 1;
  });
  // Held a little, so requests in flight at once overlap and are counted as such.
  setTimeout(() => response.writeHead(200, { 'content-length': 5 }).end('hello'), holdMs);
});
remote.on('connection', () => {
  seen.connections += 1;
});
const remotePort = await listen(remote, remoteAddress);

// Loopback targets whose every answer is a 302 to the remote host: the way past a guard on the given URLs alone.
const loopbacks = [];
for (let index = 0; index < redirects; index++) {
  // Each 302 after a couple of milliseconds, like a server that does some work: answered at once, the calibration,
  // the warm-ups and the peers' timed seconds spun both cores on redirects for nothing the test asserts.
  const server = createServer((_request, response) =>
    setTimeout(
      () =>
        response.writeHead(302, { location: `http://${remoteAddress}:${remotePort}/page`, 'content-length': 0 }).end(),
      LOOPBACK_HOLD_MS,
    ),
  );
  loopbacks.push({ server, port: await listen(server, '127.0.0.1') });
}

const urls = loopbacks.flatMap(({ port }) => ['--url', `http://127.0.0.1:${port}/`]);
const child = spawn(process.execPath, [cli, 'run', ...urls, ...args, '--json', json], {
  stdio: ['ignore', 'ignore', 'pipe'],
});
let stderr = '';
child.stderr.on('data', (chunk) => {
  stderr += chunk;
});
const code = await new Promise((resolve) => child.once('close', resolve));
let report;
try {
  report = JSON.parse(readFileSync(json, 'utf8'));
} catch {
  report = undefined;
}
remote.closeAllConnections();
remote.close();
for (const { server } of loopbacks) server.close();
process.stdout.write(`${JSON.stringify({ code, stderr: stderr.slice(-4000), remote: seen, report })}\n`);

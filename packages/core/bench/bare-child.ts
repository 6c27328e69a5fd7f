import { bareDispatchLoop } from '../src/bare/index.js';

/**
 * One bare dispatch loop in a fresh process, as a point runs in one: argv is `url requests lanes warmUp`. It runs
 * `warmUp` untimed GETs (connections opened, code compiled: a point gets two whole untimed batches), then `requests`
 * timed ones, and prints one JSON line: the CPU (user + system) and wall time of the timed part alone.
 */
const [url = '', requests = '100000', lanes = '50', warmUp = '0'] = process.argv.slice(2);
const loop = bareDispatchLoop([url], Number(lanes));
if (Number(warmUp) > 0) await loop.run(Number(warmUp), Number(lanes));
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
const batch = await loop.run(Number(requests), Number(lanes));
const wallMs = performance.now() - wallBefore;
const cpu = process.cpuUsage(cpuBefore);
await loop.close();
process.stdout.write(
  `${JSON.stringify({ ...batch, requests: Number(requests), wallMs, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
);

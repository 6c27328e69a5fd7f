import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startFixtureServer } from '@fanout/fixture-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodePeerPlan } from '../src/peers/protocol.js';
import type { CalibrationRequest } from '../src/target/calibration-protocol.js';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const HOOK = new URL('./fixtures/log-resolve.mjs', import.meta.url).href;
const REGISTER = `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(HOOK)})`;

let server: Awaited<ReturnType<typeof startFixtureServer>>;
beforeAll(async () => {
  server = await startFixtureServer({ port: 0, sizeBytes: 64, latencyMs: 0 });
});
afterAll(() => server.close());

/** Runs a compiled entry of dist/ with the hook; the modules it loaded besides node's own, shortened, once each. */
function loaded(entry: string, args: readonly string[], message?: unknown): Promise<string[]> {
  const child = spawn(process.execPath, ['--import', REGISTER, `${DIST}${entry}`, ...args], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  if (message !== undefined) child.send(message as object);
  return new Promise((resolve) => {
    child.once('close', () =>
      resolve([
        ...new Set(
          [...stderr.matchAll(/^resolved (\S+)$/gm)]
            .map((match) => match[1] as string)
            .filter((url) => !url.startsWith('node:') && !url.startsWith('data:'))
            .map((url) =>
              url.replace(/^.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, '').replace(/^.*\/(apps|packages)\//, ''),
            ),
        ),
      ]),
    );
  });
}

const plan = (peer: NodePeerPlan['peer']): NodePeerPlan => ({
  peer,
  client: {},
  urls: [`${server.url}/a`],
  jobs: 40,
  concurrency: 2,
  batches: 1,
  timeoutMs: 2000,
});

describe('what a measuring process loads', () => {
  it('the undici-pool peer: the bare dispatch loop, undici and the warm-up rule, nothing of zod, the core index or run/', async () => {
    expect((await loaded('peers/node-child.js', [JSON.stringify(plan('undici-pool'))])).sort()).toEqual(
      [
        'bench/dist/harness/warm-up-rule.js',
        'bench/dist/peers/node-child.js',
        'bench/dist/peers/undici-pool-client.js',
        'core/dist/bare/dispatch-loop.js',
        'core/dist/bare/index.js',
        // URL cycling's one home, free of imports (core/src/cycle.ts).
        'core/dist/cycle.js',
        // How h2 in flight is carried, free of imports (core/src/h2-layout.ts).
        'core/dist/h2-layout.js',
        'undici/index.js',
      ].sort(),
    );
  });

  it('the autocannon peer: autocannon and the rule, not the bare loop, zod or core', async () => {
    const modules = await loaded('peers/node-child.js', [JSON.stringify(plan('autocannon'))]);
    expect(modules).toContain('bench/dist/peers/autocannon-client.js');
    expect(modules.filter((module) => /zod|core\/dist|\/run\/|\/model\/|undici-pool/.test(module))).toEqual([]);
  });

  it('the calibration: the bare dispatch loop, undici, the TLS probe and the warm-up rule', async () => {
    const request: CalibrationRequest = {
      urls: [`${server.url}/a`],
      maxConnections: 4,
      maxRequests: 2000,
      levelMs: 20,
      roundMs: 20,
      rounds: 2,
    };
    expect((await loaded('target/calibrate-child.js', [], request)).sort()).toEqual(
      [
        'bench/dist/harness/warm-up-rule.js',
        // The verified TLS probe that tells whether the target speaks h2 (node:tls alone).
        'bench/dist/peers/tls-probe.js',
        'bench/dist/target/calibrate-child.js',
        'bench/dist/target/calibration-probe.js',
        'bench/dist/target/calibration-steps.js',
        'bench/dist/target/latency-floors.js',
        'core/dist/bare/dispatch-loop.js',
        'core/dist/bare/index.js',
        // URL cycling's one home, free of imports (core/src/cycle.ts).
        'core/dist/cycle.js',
        // How h2 in flight is carried, free of imports (core/src/h2-layout.ts).
        'core/dist/h2-layout.js',
        'undici/index.js',
      ].sort(),
    );
  });
});

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { isFanoutError, type Strategy, type StrategyDefinition } from '@fanout/core';
import { startFixtureServer } from '@fanout/fixture-server';
import { IPV6_OFF, NAMESPACE_SETUP, type NamespaceReport, NETWORK_CASES } from './network-cases.js';
import type { StrategyModule } from './strategy-module.js';

/**
 * Runs inside a fresh network namespace (`unshare -n node netns-child.js '{…}'`, started by network.ts): builds its
 * network, starts the fixture server on its loopback, runs the network cases and one plain job through the
 * strategy, and prints one JSON report on stdout.
 */
const { module, concurrency } = JSON.parse(process.argv[2] ?? '{}') as {
  module: StrategyModule;
  concurrency: number;
};

function report(value: NamespaceReport): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

try {
  for (const args of NAMESPACE_SETUP) execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  writeFileSync(IPV6_OFF, '1');
} catch (error) {
  report({ skipped: `the namespace's network could not be built: ${(error as Error).message.split('\n')[0]}` });
  process.exit(0);
}

const server = await startFixtureServer();
const definition = (await import(module.url))[module.exportName] as StrategyDefinition;
// allowRemote: the cases' addresses are not loopback, and must reach the kernel's connect() to fail there.
const created = await definition.create({ concurrency, allowRemote: true, timeoutMs: 10_000 }).catch((error) => error);
if (isFanoutError(created) && (created.code === 'STARTUP_FAILED' || created.code === 'UNSUPPORTED')) {
  // A strategy that needs a service outside the process (the queue's Redis) cannot reach it from an empty namespace.
  report({ skipped: `${definition.name} cannot start inside the namespace: ${created.message}` });
  await server.close();
  process.exit(0);
}
if (created instanceof Error) throw created;
const strategy = created as Strategy;
try {
  const jobs = [
    ...NETWORK_CASES.map((one, id) => ({ id, url: one.url })),
    { id: NETWORK_CASES.length, url: `${server.url}/ok?size=10` },
  ];
  const results = await strategy.run(jobs);
  report({
    outcomes: results.map((result) =>
      result.ok
        ? { outcome: result.bytes, message: '' }
        : { outcome: result.error.code, message: result.error.message },
    ),
  });
} finally {
  await strategy.close();
  await server.close();
}

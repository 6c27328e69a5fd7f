import { spawn, spawnSync } from 'node:child_process';
import type { JobResult } from '@fanout/core';
import { expect, it } from 'vitest';
import type { SuiteContext } from './context.js';
import { jobsFor, withServer, withStrategy } from './fixture.js';
import { type NamespaceReport, NETWORK_CASES } from './network-cases.js';
import { strategyModuleNear } from './strategy-module.js';

const CHILD = new URL('./netns-child.js', import.meta.url);

let unshareChecked: string | undefined | null = null;

/** Why this machine cannot make a network namespace (not root, no CAP_SYS_ADMIN, no unshare), or undefined. */
export function namespaceProblem(): string | undefined {
  if (unshareChecked !== null) return unshareChecked;
  const probe = spawnSync('unshare', ['-n', 'true'], { encoding: 'utf8' });
  unshareChecked =
    probe.status === 0
      ? undefined
      : `\`unshare -n\` is not permitted here (it needs root or CAP_SYS_ADMIN): ${probe.error?.message ?? probe.stderr.trim()}`;
  return unshareChecked;
}

function runInNamespace(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('unshare', ['-n', process.execPath, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const outcome = (result: JobResult) => (result.ok ? result.bytes : result.error.code);

/** Network-level failures get codes of their own in every strategy, never UNKNOWN. */
export function networkChecks({ definition, concurrency }: SuiteContext): void {
  it('gives a connect the kernel refuses at once (a multicast address) NETWORK_UNREACHABLE', async (context) => {
    // Linux refuses a TCP connect to a multicast address before sending anything (tcp_v4_connect: ENETUNREACH).
    if (process.platform !== 'linux') context.skip('needs Linux: other kernels answer a multicast connect otherwise');
    await withServer(async (server) => {
      const jobs = [
        { id: 0, url: 'http://224.0.0.1/' },
        ...jobsFor(server, [{ size: 10 }]).map((job) => ({ ...job, id: 1 })),
      ];
      const results = await withStrategy(definition, { concurrency, allowRemote: true }, (strategy) =>
        strategy.run(jobs),
      );
      expect(results.map(outcome)).toEqual(['NETWORK_UNREACHABLE', 10]);
    });
  });

  it('gives unreachable networks and hosts, blocked routes and missing addresses their own codes (network namespace)', async (context) => {
    const problem = namespaceProblem();
    if (problem) context.skip(problem);
    const module = strategyModuleNear(context.task.file.filepath, definition.name);
    if (!module) {
      context.skip(`no built module of ${definition.name} found from its test file (package.json fanout.strategy)`);
      return;
    }
    const child = await runInNamespace([CHILD.pathname, JSON.stringify({ module, concurrency })]);
    expect(child.code, child.stderr).toBe(0);
    const report = JSON.parse(child.stdout) as NamespaceReport;
    if ('skipped' in report) {
      context.skip(report.skipped);
      return;
    }
    expect(report.outcomes.map((one) => one.outcome)).toEqual([...NETWORK_CASES.map((one) => one.expected), 10]);
    for (const [index, one] of report.outcomes.slice(0, NETWORK_CASES.length).entries()) {
      // The message says where: the address that failed (fetch's "fetch failed" alone would not).
      expect(one.message, NETWORK_CASES[index]?.label).toMatch(/\d+\.\d+\.\d+\.\d+|::1/);
    }
  });
}

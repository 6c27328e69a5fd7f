import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pageBody } from '@fanout/fixture-server';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../src/model/schema.js';
import { findWorkspaceRoot } from '../src/strategies/workspace.js';
import { runCli, tempDir } from './cli-helper.js';

const repo = findWorkspaceRoot() as string;
const asyncEntry = pathToFileURL(join(repo, 'packages', 'async', 'dist', 'index.js')).href;

/** The mixed workload's hash chain, written here once more from its definition: sha256(body), then sha256(d ‖ body). */
function chain(body: Buffer, rounds: number): string {
  let digest = createHash('sha256').update(body).digest();
  for (let round = 1; round < rounds; round++) digest = createHash('sha256').update(digest).update(body).digest();
  return digest.toString('hex');
}

/**
 * An out-of-tree strategy: the real async strategy, with `jobs` and `results` bent by the given JavaScript
 * expressions (`job`, `result` in scope) the way a broken strategy would bend them.
 */
function brokenModule(bend: { job?: string; result?: string }): string {
  const file = join(tempDir(), 'broken.mjs');
  writeFileSync(
    file,
    `import { strategy as base } from '${asyncEntry}';
export const strategy = {
  ...base,
  name: 'broken',
  async create(options) {
    const inner = await base.create(options);
    return {
      reportsProgress: inner.reportsProgress,
      async run(jobs, signal, runOptions) {
        const results = await inner.run(jobs.map((job) => ${bend.job ?? 'job'}), signal, runOptions);
        return results.map((result) => ${bend.result ?? 'result'});
      },
      close: () => inner.close(),
    };
  },
};
`,
  );
  return file;
}

async function runBroken(file: string, workload: 'mixed' | 'download') {
  const cwd = tempDir();
  const args = ['run', '--strategy-module', file, '--strategies', 'broken', '--workload', workload];
  const sizes = ['--size', '1000', '--latency', '0', '--hash-rounds', '3', '--jobs', '6', '--concurrency', '2'];
  const result = await runCli([...args, ...sizes, '--iterations', '1', '--calibration', 'off', '--out', 'out'], cwd);
  expect(result.stderr).not.toMatch(/internal error/);
  const report = reportSchema.parse(JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')));
  const run = report.runs[0];
  return run && 'skipped' in run ? run.skipped : `not skipped: ${JSON.stringify(run)}`;
}

// The embedded server's page of 1,000 bytes, as the fixture server makes it.
const page = pageBody(1000);
const pageUrl = /http:\/\/127\.0\.0\.1:\d+\/page\?size=1000&latency=0/;

describe('a strategy that returns wrong results fails its point, saying which job, what was expected and what came', () => {
  it('a wrong digest', async () => {
    const file = brokenModule({
      result: `result.id === 4 && result.ok ? { ...result, value: result.value.replace(/^./, (c) => (c === '0' ? '1' : '0')) } : result`,
    });
    const reason = await runBroken(file, 'mixed');
    const expected = chain(page, 3);
    const got = expected.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    expect(reason).toMatch(/^error: broken returned a wrong result: job 4 \(/);
    expect(reason).toMatch(pageUrl);
    expect(reason).toContain(`: 3 chained sha256 rounds over the page give ${expected}, got ${got}`);
  });

  it('a skipped round (its digest is the chain of one round fewer)', async () => {
    const file = brokenModule({ job: `job.kind === 'mixed' ? { ...job, hashRounds: job.hashRounds - 1 } : job` });
    const reason = await runBroken(file, 'mixed');
    expect(reason).toMatch(/^error: broken returned a wrong result: job 0 \(/);
    expect(reason).toContain(`3 chained sha256 rounds over the page give ${chain(page, 3)}, got ${chain(page, 2)}`);
  });

  it('a miscounted body (download and mixed)', async () => {
    const file = brokenModule({
      result: `result.id === 5 && result.ok ? { ...result, bytes: result.bytes - 1 } : result`,
    });
    for (const workload of ['download', 'mixed'] as const) {
      const reason = await runBroken(file, workload);
      expect(reason).toMatch(/^error: broken returned a wrong result: job 5 \(/);
      expect(reason).toMatch(pageUrl);
      expect(reason).toMatch(/\): counted 999 body bytes, the page has 1000$/);
    }
  });
});

describe('--url pages: checked where two fetches agree, and said where they do not', () => {
  it('checks a stable page, keeps the size of a same-size changing one, and checks nothing of a growing one', async () => {
    let served = 0;
    const server: Server = createServer((request, response) => {
      served += 1;
      const body =
        request.url === '/stable'
          ? page
          : request.url === '/flip'
            ? Buffer.alloc(300, served % 2 === 0 ? 'a' : 'b')
            : Buffer.alloc(300 + (served % 2), 'g');
      response.end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const cwd = tempDir();
      const urls = ['/stable', '/flip', '/grow'].flatMap((path) => ['--url', `${base}${path}`]);
      const args = ['run', ...urls, '--strategies', 'async', '--workload', 'mixed', '--hash-rounds', '2'];
      const result = await runCli(
        [...args, '--jobs', '6', '--concurrency', '2', '--iterations', '1', '--calibration', 'off', '--out', 'out'],
        cwd,
      );
      expect(result.code).toBe(0);
      const report = reportSchema.parse(JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')));
      expect(report.runs[0]).toMatchObject({ strategy: 'async', totals: { succeeded: 6, failed: 0 } });
      expect(report.settings.pageChecks).toEqual([
        { url: `${base}/stable`, bytes: 1000, digest: chain(page, 2) },
        {
          url: `${base}/flip`,
          bytes: 300,
          unchecked: 'its body changed between two fetches (same size), so its digest cannot be known',
        },
        {
          url: `${base}/grow`,
          unchecked: expect.stringMatching(/^its body changed between two fetches \(30[01], then 30[01] bytes\)$/),
        },
      ]);
      expect(result.stderr).toContain(`not checked: ${base}/flip: its body changed between two fetches (same size)`);
      const markdown = readFileSync(join(cwd, 'out', 'report.md'), 'utf8');
      expect(markdown).toContain('digest and byte counts checked for 1 of 3 pages');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

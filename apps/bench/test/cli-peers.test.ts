import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSchema } from '../src/model/schema.js';
import { runCli, tempDir } from './cli-helper.js';

describe('fanout run --peers', () => {
  it('refuses an unknown peer with exit 2, naming it and the known ones', async () => {
    const result = await runCli(['run', '--peers', 'undici-pool,ab']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^fanout: --peers is not a peer \(known: undici-pool, autocannon, wrk, .*all, none\) \(got "ab"\)\n$/,
    );
  });

  it('puts the peers beside the strategies in the table, the JSON and the Markdown ratios', async () => {
    const cwd = tempDir();
    const result = await runCli(
      [
        'run',
        '--strategies',
        'async',
        '--peers',
        'undici-pool',
        '--concurrency',
        '4',
        '--jobs',
        '100',
        '--latency',
        '0',
        '--size',
        '1024',
        '--iterations',
        '2',
        // Nothing here is about the calibration (cli-run-every-strategy and peers-guard keep theirs).
        '--calibration',
        'off',
        '--out',
        'out',
      ],
      cwd,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/undici-pool \(peer\)\s+│\s+4 │\s+100 │\s+100 │\s+0 │/);
    const report = reportSchema.parse(JSON.parse(readFileSync(join(cwd, 'out', 'report.json'), 'utf8')));
    expect(report.settings.peers).toEqual(['undici-pool']);
    expect(report.peers).toHaveLength(1);
    expect(report.peers?.[0]).toMatchObject({ strategy: 'undici-pool', peer: true, concurrency: 4, jobs: 100 });
    const markdown = readFileSync(join(cwd, 'out', 'report.md'), 'utf8');
    expect(markdown).toContain('## Beside trusted peers');
    // One round: a single ratio to the ceiling; none to a load generator (none ran), none of the ceiling to itself.
    expect(markdown).toMatch(/\| strategy \| async \| [\d.k]+ \| [\d.]+× \| – \|/);
    expect(markdown).toMatch(/\| peer \| undici-pool \| [\d.k]+ \| – \| – \|/);
  });
});

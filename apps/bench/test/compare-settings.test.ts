import { describe, expect, it } from 'vitest';
import { compareReports, renderComparison } from '../src/compare/index.js';
import { completed, makeReport } from './report-fixture.js';

const options = { thresholdPercent: 10 };
const base = () => makeReport([completed('async', 10, 100, 2)]);

describe('compare judges only the settings that change the numbers', () => {
  it('ignores the embedded server port, timestamps, host name and profile label', () => {
    const a = base();
    const b = {
      ...a,
      target: 'embedded fixture server http://127.0.0.1:40111',
      finishedAt: '2026-11-25T08:00:00.000Z',
      environment: { ...a.environment, hostname: 'other-host', startedAt: '2026-11-25T07:59:00.000Z' },
    };
    const comparison = compareReports(a, b, options);
    expect(comparison.differences).toEqual([]);
    expect(renderComparison(comparison)).not.toContain('settings differ');
  });

  it('names each difference that matters, with both values', () => {
    const a = base();
    const cases: [string, (r: ReturnType<typeof base>) => ReturnType<typeof base>, string][] = [
      [
        'pages',
        (r) => ({ ...r, settings: { ...r.settings, pages: [{ path: '/page', sizeBytes: 1024, latencyMs: 5 }] } }),
        'pages (path, size, latency): /page 16384 B 5 ms in A, /page 1024 B 5 ms in B',
      ],
      ['jobs', (r) => ({ ...r, settings: { ...r.settings, jobs: 7 } }), 'jobs: 100 in A, 7 in B'],
      ['concurrency', (r) => ({ ...r, settings: { ...r.settings, concurrency: [1, 2] } }), 'concurrency: '],
      [
        'faults',
        (r) => ({ ...r, settings: { ...r.settings, faults: 'hang:0.1' } }),
        'faults: none in A, hang:0.1 in B',
      ],
      ['node', (r) => ({ ...r, environment: { ...r.environment, node: 'v24.0.0' } }), 'node: '],
      ['cpus', (r) => ({ ...r, environment: { ...r.environment, cpus: 64 } }), 'cpus: '],
      [
        'external URLs',
        (r) => ({ ...r, target: 'external: http://127.0.0.1:9/a' }),
        'external URLs: none (embedded server) in A, http://127.0.0.1:9/a in B',
      ],
      [
        'version',
        (r) => ({ ...r, settings: { ...r.settings, strategyVersions: { async: '2.0.0' } } }),
        'async version: unknown in A, 2.0.0 in B',
      ],
    ];
    for (const [name, change, expected] of cases) {
      const differences = compareReports(a, change(base()), options).differences;
      expect(differences, name).toHaveLength(1);
      expect(differences[0], name).toContain(expected);
    }
  });
});

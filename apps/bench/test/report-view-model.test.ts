import { describe, expect, it } from 'vitest';
import { formatCpuPerRequest } from '../src/format.js';
import { annotateRuns } from '../src/model/figures.js';
import { buildView } from '../src/report/view/build.js';
import { calibrated, completed, fullReport, makeReport, sweepReport } from './report-fixture.js';

const heads = (report: Parameters<typeof buildView>[0]) => buildView(report).columns.map((column) => column.head);

describe('the view model', () => {
  it('leaves out the columns that would be all "–", and keeps the rest in table order', () => {
    // No calibration, no failures, one round: no eff. cap, failures or rounds; the baseline ran: × seq.
    expect(heads(sweepReport())).toEqual([
      'strategy',
      'W',
      'jobs',
      'ok',
      'failed',
      'batch time',
      'eff. lat',
      'req/s',
      'CPU/req',
      '× seq',
      'p50',
      'p99',
      'CPU/batch',
      'peak RSS',
      'start-up',
    ]);
    const full = heads(fullReport());
    expect(full).toContain('eff. cap');
    expect(full.indexOf('rounds')).toBe(full.indexOf('batch time') + 1);
    expect(heads(makeReport([completed('async', 4, 50)]))).not.toContain('× seq');
  });

  it('warns per figure: at the floor is no warning, below it a broken bound, above the estimate by how much', () => {
    const inputs = { jobLatenciesMs: Array<number>(100).fill(5), calibration: calibrated(1000) };
    // W = 10: floor 50 ms, estimate 100 ms. 50 ms meets the floor; 40 ms breaks it.
    const view = buildView(makeReport(annotateRuns([completed('async', 10, 50), completed('fetch', 10, 40)], inputs)));
    const [atFloor, below] = view.rows;
    if (atFloor?.state !== 'measured' || below?.state !== 'measured') throw new Error('measured rows expected');
    expect(atFloor.warnings.map((warning) => warning.kind)).toEqual(['above-estimate']);
    expect(atFloor.cells.effLatency).toEqual({ text: '100.0%', raw: 1, warn: false });
    expect(below.warnings.map((warning) => [warning.figure, warning.kind])).toEqual([
      ['effLatency', 'broken-bound'],
      ['effCapacity', 'above-estimate'],
    ]);
    expect(below.cells.effLatency).toEqual({ text: '125.0% ⚠', raw: 1.25, warn: true });
    expect(below.warnings[1]?.short).toBe('fetch at W = 10: above the capacity estimate by 150.0%');
    expect(view.warnings).toHaveLength(3);
  });

  it('keeps raw figures beside their text, for charts and tests', () => {
    const [row] = buildView(sweepReport()).rows;
    if (row?.state !== 'measured') throw new Error('measured row expected');
    expect(row.cells.cpuPerRequest).toEqual({ text: '125 µs', raw: 125, warn: false });
    expect(row.cells.batch).toEqual({ text: '640 ms ±3.3%', raw: 640, warn: false });
  });

  it('gives the ceiling no ratio to itself, and the others theirs to it in one line', () => {
    const [section] = buildView(fullReport()).peers;
    const ceiling = section?.rows.find((row) => row.name === 'undici-pool');
    expect(ceiling).toMatchObject({ overCeiling: '–', cpuOverCeiling: '–', summary: '' });
    expect(section?.rows.find((row) => row.name === 'async')?.summary).toBe(
      "async at W = 50: 1.06× (0.95–1.07; rounds 1.06, 0.95, 1.07; parity within noise) undici-pool's req/s, CPU per request 7.81× (7.35–8.33; rounds 7.81, 7.35, 8.33)",
    );
    expect(section?.skipped).toEqual([{ name: 'wrk', reason: 'wrk is not installed (apt-get install wrk)' }]);
  });

  it('references per W: the latency floor and the capacity estimate where the run has them', () => {
    expect(buildView(fullReport()).references).toEqual([
      { concurrency: 1, latencyFloorMs: 500, capacityEstimateMs: 10 },
      { concurrency: 10, latencyFloorMs: 50, capacityEstimateMs: 10 },
      { concurrency: 50, latencyFloorMs: 10, capacityEstimateMs: 10 },
    ]);
  });
});

describe('formatCpuPerRequest', () => {
  it('gives µs up to a millisecond, then ms', () => {
    expect(formatCpuPerRequest(20.64)).toBe('20.6 µs');
    expect(formatCpuPerRequest(850)).toBe('850 µs');
    expect(formatCpuPerRequest(27_100)).toBe('27.1 ms');
    expect(formatCpuPerRequest(undefined)).toBe('–');
  });
});

import { describe, expect, it } from 'vitest';
import { flagMeasurements, SHARED_CORE_SHARE, SLOW_CODE_RATIO } from '../src/model/measurement.js';
import { htmlDataOf } from '../src/report/html-data.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderTable } from '../src/report/table.js';
import { completed, makeReport, skipped } from './report-fixture.js';

const withCpu = (strategy: string, concurrency: number, batchMs: number, cpuMs: number, otherMs?: number) => ({
  ...completed(strategy, concurrency, batchMs),
  cpuMsPerBatch: cpuMs,
  ...(otherMs !== undefined ? { otherCpuMsPerBatch: otherMs } : {}),
});

describe('points whose time is not the strategy’s alone are flagged', () => {
  it('a point that shared the machine: other work above a quarter of a core during its timed batches', () => {
    const edge = 200 * SHARED_CORE_SHARE;
    const [quiet, atEdge, shared, unknown] = flagMeasurements(
      [
        withCpu('async', 1, 200, 100, 10),
        withCpu('async', 2, 200, 100, edge),
        withCpu('async', 4, 200, 100, edge + 1),
        withCpu('async', 8, 200, 100),
      ],
      'download',
    );
    expect(quiet).not.toHaveProperty('measurementWarnings');
    expect(atEdge).not.toHaveProperty('measurementWarnings');
    expect(unknown).not.toHaveProperty('measurementWarnings');
    expect(shared).toMatchObject({
      measurementWarnings: [
        'other processes used 26% of a core during its timed batches (51 ms of CPU per batch): it shared the machine, so its time is not its own',
      ],
    });
    const [external] = flagMeasurements([withCpu('async', 1, 200, 100, 150)], 'download', false);
    expect(external).toMatchObject({
      measurementWarnings: [expect.stringContaining('a --url server on this machine')],
    });
  });

  it('on the cpu workload, a point whose CPU per job exceeds sequential’s: its code ran slower', () => {
    const runs = [
      withCpu('sequential', 1, 600, 600),
      skipped('sequential', 2, 'runs at most 1 job at a time'),
      withCpu('thread-pool', 2, 330, 600 * SLOW_CODE_RATIO),
      withCpu('process-pool', 2, 400, 736),
    ];
    const flagged = flagMeasurements(runs, 'cpu');
    expect(flagged.slice(0, 3)).toEqual(runs.slice(0, 3));
    expect(flagged[3]).toMatchObject({
      measurementWarnings: [
        "its CPU per job was 1.23× sequential's for the same sums: its code ran slower (a slower V8 tier, or cores shared with other work), so its speed over sequential is understated",
      ],
    });
    // Other workloads do different work per strategy (messages, hashing on another thread): no such rule.
    expect(flagMeasurements(runs, 'download')[3]).not.toHaveProperty('measurementWarnings');
  });

  it('every rendering says so', () => {
    const runs = flagMeasurements([withCpu('async', 1, 200, 100, 150)], 'download');
    const table = renderTable(runs, []);
    expect(table).toMatch(/⚠ async W=1: other processes used 75% of a core/);
    expect(renderMarkdown(makeReport(runs))).toMatch(/- ⚠ async at W = 1: other processes used 75% of a core/);
    expect(htmlDataOf(makeReport(runs)).warnings).toEqual([
      expect.stringMatching(/^async at W = 1: other processes used 75% of a core/),
    ]);
  });
});

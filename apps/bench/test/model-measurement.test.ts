import { describe, expect, it } from 'vitest';
import { annotateRuns } from '../src/model/figures.js';
import { flagMeasurements, SHARED_CORE_SHARE, SLOW_CODE_RATIO, WAITED_SHARE } from '../src/model/measurement.js';
import { escapeMarkdown } from '../src/report/escape.js';
import { renderHtml } from '../src/report/html.js';
import { escapeHtml } from '../src/report/html-escape.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderSweepSvg } from '../src/report/svg.js';
import { renderTable } from '../src/report/table.js';
import { viewOf } from '../src/report/view/build.js';
import { completed, makeReport, skipped } from './report-fixture.js';

const withCpu = (strategy: string, concurrency: number, batchMs: number, cpuMs: number, otherMs?: number) => ({
  ...completed(strategy, concurrency, batchMs),
  cpuMsPerBatch: cpuMs,
  ...(otherMs !== undefined ? { otherCpuMsPerBatch: otherMs } : {}),
});

/** What vega does to text in an SVG attribute or element. */
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

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
      measurementWarnings: [{ kind: 'shared-machine', coreShare: (edge + 1) / 200, targetCounted: false }],
    });
    const [external] = flagMeasurements([withCpu('async', 1, 200, 100, 150)], 'download', false);
    expect(external).toMatchObject({ measurementWarnings: [{ kind: 'shared-machine', targetCounted: true }] });
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
    expect(flagged[3]).toMatchObject({ measurementWarnings: [{ kind: 'slow-code', cpuOverBaseline: 736 / 600 }] });
    // Other workloads do different work per strategy (messages, hashing on another thread): no such rule.
    expect(flagMeasurements(runs, 'download')[3]).not.toHaveProperty('measurementWarnings');
  });

  it('on the cpu workload, a point on several cores that sped up well below them with CPU like sequential’s: it waited', () => {
    const edgeMs = 600 / (WAITED_SHARE * 2);
    const runs = [
      withCpu('sequential', 1, 600, 600),
      withCpu('thread-pool', 2, 408, 600),
      withCpu('thread-pool-chunked', 2, edgeMs - 1, 600),
      withCpu('async', 2, 600, 600),
      withCpu('process-pool', 1, 610, 600),
      withCpu('process-pool', 2, 500, 736),
    ];
    const [, waited, atEdge, oneCore, oneLane, slow] = flagMeasurements(runs, 'cpu', true, 2);
    // Issue 17's slow run: 1.47× on 2 cores with the CPU of the fast runs.
    expect(waited).toMatchObject({ measurementWarnings: [{ kind: 'waited', speedup: 600 / 408, lanes: 2 }] });
    expect(atEdge).not.toHaveProperty('measurementWarnings');
    // One event loop computes on one core whatever W is: not a pool that waited.
    expect(oneCore).not.toHaveProperty('measurementWarnings');
    expect(oneLane).not.toHaveProperty('measurementWarnings');
    // Slower code is said once, as slower code.
    expect(slow).toMatchObject({ measurementWarnings: [{ kind: 'slow-code' }] });
    // Without the machine's cores (a report that does not say) nothing is guessed.
    expect(flagMeasurements(runs, 'cpu')[1]).not.toHaveProperty('measurementWarnings');
    const report = makeReport(flagMeasurements(runs.slice(0, 2), 'cpu', true, 2));
    expect(viewOf(report).warnings.map(({ label, figure, kind }) => ({ label, figure, kind }))).toEqual([
      { label: 'thread-pool', figure: 'overBaseline', kind: 'waited' },
    ]);
    expect(renderTable(report)).toContain('⚠ thread-pool at W = 2: 1.47× sequential on 2 usable cores');
  });

  it('are warnings of the view model, on the figure they mislead, in all four renderings', async () => {
    const measured = [
      withCpu('sequential', 1, 600, 600),
      withCpu('thread-pool', 2, 330, 736),
      withCpu('process-pool', 2, 400, 600, 150),
    ];
    const runs = flagMeasurements(
      annotateRuns(measured, { jobLatenciesMs: null, calibration: undefined }),
      'cpu',
      false,
    );
    const report = makeReport(runs, { settings: { ...makeReport(runs).settings, workload: 'cpu', cpuBase: 100_000 } });
    const view = viewOf(report);
    expect(view.warnings.map(({ label, figure, kind }) => ({ label, figure, kind }))).toEqual([
      { label: 'thread-pool', figure: 'overBaseline', kind: 'slow-code' },
      { label: 'process-pool', figure: 'batch', kind: 'shared-machine' },
    ]);
    expect(view.warnings.map((warning) => warning.text)).toEqual([
      "thread-pool at W = 2: its code ran slower, CPU per job 1.23× sequential's for the same sums (a slower V8 tier, or cores shared with other work), so its speed over sequential is understated",
      'process-pool at W = 2: shared the machine, other processes used 38% of a core during its timed batches (150 ms of CPU per batch, a --url server on this machine counted with them), so its batch time is not its own',
    ]);
    // The ⚠ sits on those figures' cells, and on no other.
    const marked = view.rows.flatMap((row) =>
      row.state === 'measured'
        ? Object.entries(row.cells).flatMap(([id, cell]) => (cell.warn ? [`${row.label} ${id}`] : []))
        : [],
    );
    expect(marked).toEqual(['thread-pool overBaseline', 'process-pool batch']);
    const outputs = {
      table: renderTable(report),
      markdown: renderMarkdown(report),
      html: await renderHtml(report),
      svg: await renderSweepSvg(report),
    };
    for (const warning of view.warnings) {
      expect(outputs.table).toContain(`⚠ ${warning.text}`);
      expect(outputs.markdown).toContain(`- ⚠ ${escapeMarkdown(warning.text)}`);
      expect(outputs.html).toContain(`<li>⚠ ${escapeHtml(warning.text)}</li>`);
      expect(outputs.svg).toContain(escapeXml(`⚠ ${warning.short}`));
    }
    expect(outputs.table).toMatch(/1\.82× ⚠/);
    expect(outputs.table).toMatch(/400 ms ±2\.0% ⚠/);
  });
});

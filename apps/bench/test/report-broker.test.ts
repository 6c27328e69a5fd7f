import { describe, expect, it } from 'vitest';
import type { Broker } from '../src/model/broker.js';
import { withBrokerOverhead } from '../src/model/broker-overhead.js';
import type { CompletedRun } from '../src/model/schema.js';
import { renderHtml } from '../src/report/html.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderTable } from '../src/report/table.js';
import { buildView } from '../src/report/view/build.js';
import { completed, makeReport } from './report-fixture.js';

const broker = (mode: Broker['mode'], lanes: number[]): Broker => ({
  mode,
  lanes,
  workersRan: mode === 'local' ? { local: lanes.length, remote: 0 } : { local: 0, remote: lanes.length },
  commandsPerJob: 36.25,
  scriptsPerJob: 3.04,
  redisCpuUsPerJob: 85.4,
  duplicatesDropped: 0,
  redisVersion: '7.0.15',
});

const queue = (concurrency: number, meanBatchMs: number, value: Broker): CompletedRun => ({
  ...completed('queue', concurrency, meanBatchMs),
  cpuMsPerBatch: 40,
  broker: value,
});

describe('broker figures (the queue strategy)', () => {
  const runs = withBrokerOverhead([
    completed('async', 8, 30),
    completed('async', 32, 10),
    queue(8, 45, broker('local', [4, 4])),
    queue(32, 20, broker('remote', [16, 16])),
    queue(64, 20, broker('local', [32, 32])),
  ]);

  it('measures the overhead against async at the same W and jobs, per job, CPU only with local workers', () => {
    const at = (w: number) => runs.find((run) => run.strategy === 'queue' && run.concurrency === w) as CompletedRun;
    // (45 − 30) ms ÷ 100 jobs = 150 µs; CPU (40 − 12.5) ms ÷ 100 = 275 µs.
    expect(at(8).broker?.overAsync).toEqual({ wallUsPerJob: 150, cpuUsPerJob: 275 });
    // Remote workers' CPU is not counted, so no CPU overhead is claimed.
    expect(at(32).broker?.overAsync).toEqual({ wallUsPerJob: 100, cpuUsPerJob: null });
    // No async point at W = 64: nothing to measure against.
    expect(at(64).broker?.overAsync).toBeUndefined();
    expect(runs.find((run) => run.strategy === 'async')).not.toHaveProperty('broker');
  });

  it('shows them in the table, report.md and report.html, saying what remote workers leave out', async () => {
    const report = makeReport(runs);
    const view = buildView(report);
    expect(view.columns.map((column) => column.head)).toEqual(
      expect.arrayContaining(['workers', 'Redis cmd/job', 'over async']),
    );
    const table = renderTable(report);
    expect(table).toMatch(/│ queue +│ +8 │.*│ 2 local × 4 +│ +36\.3 │ +\+150 µs\/job │/);
    expect(table).toMatch(/│ queue +│ +32 │.*│ 2 remote × 16, not counted │ +36\.3 │ +\+100 µs\/job │/);
    expect(table).toContain("workers: a queue point's worker processes × jobs in flight each");
    // A narrow terminal drops the broker columns first and says so.
    expect(renderTable(report, { maxWidth: 140 })).toMatch(
      /not shown for the terminal's width: workers, Redis cmd\/job, over async/,
    );
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('## Broker');
    expect(markdown).toContain(
      "- queue at W = 32: 2 remote workers × 16 in flight (fanout worker; remote workers' CPU and memory not counted); 2 of them sent results; 36.3 Redis commands/job (3.0 scripts), 85.4 µs Redis CPU/job (in no figure of the point), Redis 7.0.15; over async at W = 32: +100 µs/job of batch time",
    );
    expect(markdown).toContain('over async at W = 8: +150 µs/job of batch time, +275 µs/job of CPU');
    expect(markdown).toContain('no async point at W = 64 in this run');
    expect(await renderHtml(report)).toMatch(/<ul id="list-broker"><li>queue at W = 8: 2 local workers × 4 in flight/);
  });

  it('adds nothing to a report without a broker point', () => {
    const report = makeReport([completed('async', 8, 30)]);
    const view = buildView(report);
    expect(view.columns.map((column) => column.id)).not.toContain('workers');
    expect(view.brokers).toEqual([]);
    expect(renderMarkdown(report)).not.toContain('## Broker');
  });
});

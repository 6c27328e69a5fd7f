import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrateReport } from '../src/model/migrate.js';
import { isSkipped, reportSchema } from '../src/model/schema.js';
import { completed, makeReport } from './report-fixture.js';

const docs = new URL('../../../docs/', import.meta.url);

describe('a version 2 report’s measurement warnings', () => {
  it('are recomputed from its stored CPU figures, as figures, whatever words it stored', () => {
    const base = makeReport([]);
    const v2 = {
      ...base,
      schemaVersion: 2,
      settings: { ...base.settings, workload: 'cpu', cpuBase: 100_000 },
      target: 'external: http://127.0.0.1:1/',
      runs: [
        { ...completed('sequential', 1, 600), cpuMsPerBatch: 600, otherCpuMsPerBatch: 10 },
        { ...completed('thread-pool', 2, 400), cpuMsPerBatch: 736, measurementWarnings: ['its code ran slower'] },
        {
          ...completed('process-pool', 2, 300),
          cpuMsPerBatch: 600,
          otherCpuMsPerBatch: 150,
          measurementWarnings: ['other processes used 50% of a core'],
        },
      ],
    };
    const [sequential, thread, process] = reportSchema.parse(migrateReport(v2)).runs;
    expect(sequential).not.toHaveProperty('measurementWarnings');
    expect(thread).toMatchObject({ measurementWarnings: [{ kind: 'slow-code', cpuOverBaseline: 736 / 600 }] });
    expect(process).toMatchObject({
      measurementWarnings: [{ kind: 'shared-machine', coreShare: 0.5, targetCounted: true }],
    });
  });

  it.each(['first', 'second'])(
    'of the %s committed cpu series: none in the five quiet runs, every point of the contended one',
    (series) => {
      const read = (name: string) =>
        reportSchema.parse(
          migrateReport(JSON.parse(readFileSync(new URL(`results-cpu-repeat/${series}/${name}`, docs), 'utf8'))),
        );
      for (const run of [1, 2, 3, 4, 5]) {
        const { runs } = read(`run${run}.json`);
        expect(runs.some((point) => !isSkipped(point) && point.measurementWarnings)).toBe(false);
      }
      const contended = read('contended.json').runs.filter((point) => !isSkipped(point));
      expect(
        contended.map((point) => !isSkipped(point) && point.measurementWarnings?.map((flag) => flag.kind)),
      ).toEqual(contended.map(() => ['shared-machine']));
    },
  );
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flagMeasurements } from '../src/model/measurement.js';
import { isSkipped, reportSchema } from '../src/model/schema.js';
import { POINT_NODE_FLAGS } from '../src/run/point-flags.js';

const docs = new URL('../../../docs/results-cpu-repeat/', import.meta.url);
const read = (series: string, run: number) =>
  reportSchema.parse(JSON.parse(readFileSync(new URL(`${series}/run${run}.json`, docs), 'utf8')));

/** Issue 17's line: on 2 cores a pool at W = 2 is at least 1.7× sequential, or its report says why not. */
const LINE = 1.7;

// The third series (schema 3, the `waited` rule) and the fourth (the current harness: --single-threaded-gc points).
describe.each(['third', 'fourth'])(
  'the committed cpu series %s (issue 17: five consecutive runs agree, or say why not)',
  (series) => {
    for (const run of [1, 2, 3, 4, 5]) {
      it(`run ${run}: each pool is at least ${LINE}× sequential or carries a warning, and the warnings are the rule's`, () => {
        const report = read(series, run);
        // The fourth series is the current harness's: its points ran with the flags every point runs with today.
        if (series === 'fourth') expect(report.settings.pointNodeFlags).toEqual([...POINT_NODE_FLAGS]);
        const pools = report.runs.filter((point) => !isSkipped(point) && /pool/.test(point.strategy));
        expect(pools.map((point) => point.strategy).sort()).toEqual(['process-pool', 'thread-pool']);
        for (const point of pools) {
          if (isSkipped(point)) continue;
          const flagged = (point.measurementWarnings ?? []).length > 0;
          expect(flagged || (point.overBaseline ?? 0) >= LINE, `${point.strategy}: ${point.overBaseline}×`).toBe(true);
        }
        // The stored warnings are what today's rule gives from the stored figures: no figure was worded by hand.
        const bare = report.runs.map((point) => {
          if (isSkipped(point)) return point;
          const { measurementWarnings: _stored, ...rest } = point;
          return rest;
        });
        const again = flagMeasurements(bare, report.settings.workload, true, report.environment.cpus);
        expect(again.map((point) => (isSkipped(point) ? undefined : point.measurementWarnings))).toEqual(
          report.runs.map((point) => (isSkipped(point) ? undefined : point.measurementWarnings)),
        );
      });
    }
  },
);

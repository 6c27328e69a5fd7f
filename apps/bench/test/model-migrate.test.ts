import { describe, expect, it } from 'vitest';
import { migrateReport } from '../src/model/migrate.js';
import { type CompletedRun, type PeerRun, reportSchema } from '../src/model/schema.js';
import { calibrated, completed, makeReport, skipped } from './report-fixture.js';

function withoutV2Names(run: CompletedRun): Omit<CompletedRun, 'meanBatchMs' | 'worstBatch'> {
  const { meanBatchMs: _mean, worstBatch: _worst, ...rest } = run;
  return rest;
}

describe('migrateReport', () => {
  it('reads a version 1 report: unknown spread for one batch, v1 bounds and knee dropped, not re-derived', () => {
    const current = makeReport([
      { ...completed('async', 1, 600), samples: 1, rme: null },
      skipped('sequential', 10, 'one at a time'),
    ]);
    const v1 = {
      ...current,
      schemaVersion: 1,
      capacityRps: 5000,
      settings: { ...current.settings, iterations: 5 },
      runs: [
        {
          ...withoutV2Names(completed('async', 1, 600)),
          succeeded: 100,
          failed: 0,
          bytes: 100_000,
          errors: {},
          wallMs: 600,
          samples: 1,
          rme: 0,
          idealMs: 500,
          efficiency: 0.83,
          knee: 1,
        },
        skipped('sequential', 10, 'one at a time'),
      ],
    };
    expect(reportSchema.parse(migrateReport(v1))).toEqual(current);
  });

  // A version 2 report as `fanout run --repeat 3 --peers undici-pool` wrote it: a point that beat both floors,
  // its efficiency capped at 100% and blamed on the calibration.
  const calibration = calibrated(1000);
  const base = makeReport([], { calibration });
  const peer = {
    strategy: 'undici-pool',
    concurrency: 10,
    jobs: 100,
    peer: true,
    measures: 'bare Pool',
    meanBatchMs: 39,
    minMs: 35,
    maxMs: 44,
    medianBatchMs: 38,
    rme: 2,
    samples: 5,
    requestsPerSecond: 100_000 / 39,
    roundsMs: [41, 39, 37],
  };
  const v2 = {
    ...base,
    schemaVersion: 2,
    settings: { ...base.settings, repeat: 3 },
    runs: [
      {
        ...completed('async', 10, 40),
        roundsMs: [40, 38, 45],
        bounds: { latencyFloorMs: 50, capacityFloorMs: 111.1 },
        efficiency: { latency: 1, capacity: 1 },
        calibrationWarning: 'faster than the latency floor 50.0 ms: the calibration underestimated the target',
      },
      // Skipped in one round: version 2 listed only the two rounds that measured it, so they cannot be placed.
      {
        ...completed('sequential', 1, 600),
        roundsMs: [600, 610],
        bounds: { latencyFloorMs: 500, capacityFloorMs: null },
      },
      skipped('sequential', 10, 'one at a time'),
    ],
    peers: [peer],
  };

  it('reads a version 2 report: uncapped efficiency from its stored floor, the capacity estimate from its calibration', () => {
    const migrated = reportSchema.parse(migrateReport(v2));
    expect(migrated.schemaVersion).toBe(3);
    const [async, sequential, skip] = migrated.runs;
    expect(async).toMatchObject({
      latencyFloorMs: 50,
      capacityEstimateMs: 100,
      efficiency: { latency: 1.25, capacity: 2.5 },
      cpuUsPerRequest: 125,
      rounds: [{ meanBatchMs: 40 }, { meanBatchMs: 38 }, { meanBatchMs: 45 }],
    });
    for (const gone of ['bounds', 'calibrationWarning', 'roundsMs']) expect(async).not.toHaveProperty(gone);
    expect(sequential).toMatchObject({ latencyFloorMs: 500, efficiency: { latency: 500 / 600, capacity: 100 / 600 } });
    expect(sequential).not.toHaveProperty('rounds');
    expect(skip).toEqual(skipped('sequential', 10, 'one at a time'));
  });

  it("gives version 2's peers the floor of the points at their W and the same estimate, and their rounds", () => {
    const [migrated] = (reportSchema.parse(migrateReport(v2)).peers ?? []) as PeerRun[];
    expect(migrated).toMatchObject({
      latencyFloorMs: 50,
      capacityEstimateMs: 100,
      efficiency: { latency: 50 / 39, capacity: 100 / 39 },
      rounds: [{ meanBatchMs: 41 }, { meanBatchMs: 39 }, { meanBatchMs: 37 }],
    });
    // Version 2 peers never measured their CPU: nothing to derive CPU per request from.
    expect(migrated).not.toHaveProperty('cpuUsPerRequest');
  });

  it('leaves a current report as it is', () => {
    const current = makeReport([completed('async', 1, 600)]);
    expect(migrateReport(current)).toBe(current);
  });
});

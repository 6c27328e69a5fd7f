import { isRecord, withoutKeys } from './migrate-json.js';

/**
 * Reports written before schema version 2, brought up to it so `compare` and `report` read both. Version 1's
 * figures that were not what they claimed are dropped rather than carried over: its `idealMs` / `efficiency`
 * (the capacity term came from the fastest point), its `knee` (within 10% of the best, blind to noise), its
 * top-level `capacityRps` (one in-process probe), `settings.iterations` (the fewest batches, not what ran), and an
 * `rme` of 0 from fewer than two batches, which was unknown spread. Anything else is left for the schema to judge.
 */
export function migrateV1(report1: Record<string, unknown>): Record<string, unknown> {
  const { capacityRps: _capacity, ...report } = report1;
  const settings = isRecord(report.settings) ? withoutKeys(report.settings, ['iterations']) : report.settings;
  const runs = Array.isArray(report.runs) ? report.runs.map(migrateRun) : report.runs;
  return { ...report, schemaVersion: 2, settings, runs };
}

function migrateRun(run: unknown): unknown {
  // Skipped and interrupted runs kept their shape (an interrupted run's counts are over its completed jobs).
  if (!isRecord(run) || 'skipped' in run) return run;
  const migrated = withoutKeys(run, [
    'idealMs',
    'efficiency',
    'knee',
    'wallMs',
    'succeeded',
    'failed',
    'bytes',
    'errors',
  ]);
  if (typeof run.samples === 'number' && run.samples < 2) migrated.rme = null;
  // Renamed for what they are: a mean, and the counts of the worst batch.
  return {
    ...migrated,
    meanBatchMs: run.wallMs,
    worstBatch: { succeeded: run.succeeded, failed: run.failed, bytes: run.bytes, errors: run.errors },
  };
}

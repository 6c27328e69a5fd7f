import { referenceFigures } from './figures.js';
import { isRecord, numberAt, withoutKeys } from './migrate-json.js';
import { remeasureV2 } from './migrate-measurement.js';

/**
 * Version 2 → 3, by reading what version 2 stored, never by inventing: version 2 capped efficiency at 100% and
 * called the calibrated rate a "capacity floor" (beaten in practice, so not a bound). Its stored latency floor and
 * mean batch time give the uncapped latency efficiency again; its calibration gives the capacity estimate (the
 * best measured rate) and the efficiency against it; its CPU per batch gives CPU per request. `calibrationWarning`
 * (which blamed the calibration whichever floor was beaten) is dropped: the renderers now warn per figure.
 * `roundsMs` becomes `rounds` only when it has one entry per round (version 2 left out the rounds that did not
 * measure a point, so a shorter list cannot be paired by round index). Measurement warnings are recomputed from the
 * stored CPU figures (model/migrate-measurement.ts).
 */
export function migrateV2(report: Record<string, unknown>): Record<string, unknown> {
  const capacityRps = numberAt(isRecord(report.calibration) ? report.calibration.capacityRps : undefined, 'max');
  const repeat = numberAt(report.settings, 'repeat') ?? 1;
  const runs = Array.isArray(report.runs) ? report.runs : [];
  const floorAt = (concurrency: unknown, jobs: unknown): number | null => {
    const run = runs.find((run) => isRecord(run) && run.concurrency === concurrency && run.jobs === jobs && run.bounds);
    return (isRecord(run) && numberAt(run.bounds, 'latencyFloorMs')) || null;
  };
  const context = { capacityRps, repeat };
  return {
    ...report,
    schemaVersion: 3,
    runs: Array.isArray(report.runs)
      ? remeasureV2(
          report.runs.map((run) =>
            isRecord(run) && run.bounds !== undefined
              ? migrateRecord(run, { ...context, floor: numberAt(run.bounds, 'latencyFloorMs') ?? null })
              : migrateRecord(run, undefined),
          ),
          report,
        )
      : report.runs,
    ...(Array.isArray(report.peers)
      ? {
          peers: report.peers.map((peer) =>
            migrateRecord(peer, { ...context, floor: isRecord(peer) ? floorAt(peer.concurrency, peer.jobs) : null }),
          ),
        }
      : {}),
  };
}

interface Context {
  readonly capacityRps: number | undefined;
  readonly repeat: number;
  readonly floor: number | null;
}

/** One point or peer; `context` undefined: a record version 2 never annotated (its figures stay absent). */
function migrateRecord(record: unknown, context: Context | undefined): unknown {
  if (!isRecord(record) || 'skipped' in record) return record;
  const rest = withoutKeys(record, ['bounds', 'efficiency', 'calibrationWarning', 'roundsMs']);
  const rounds = roundsOf(record.roundsMs, context?.repeat ?? 1);
  const jobs = numberAt(record, 'jobs');
  const meanBatchMs = numberAt(record, 'meanBatchMs');
  const figures =
    context && jobs !== undefined && meanBatchMs !== undefined
      ? referenceFigures({
          jobs,
          meanBatchMs,
          cpuMsPerBatch: numberAt(record, 'cpuMsPerBatch'),
          latencyFloorMs: context.floor,
          capacityRps: context.capacityRps,
        })
      : {};
  return { ...rest, ...figures, ...(rounds ? { rounds } : {}) };
}

function roundsOf(roundsMs: unknown, repeat: number): { meanBatchMs: number }[] | undefined {
  if (!Array.isArray(roundsMs) || repeat < 2 || roundsMs.length !== repeat) return undefined;
  return roundsMs.every((ms) => typeof ms === 'number')
    ? roundsMs.map((ms: number) => ({ meanBatchMs: ms }))
    : undefined;
}

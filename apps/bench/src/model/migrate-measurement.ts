import { baselineOf, type MeasuredFigures, measurementWarnings } from './measurement.js';
import { isRecord, numberAt, withoutKeys } from './migrate-json.js';

/**
 * A version 2 record's measurement warnings, from its stored figures by the current rule (model/measurement.ts):
 * version 2 stored them as sentences (where it had them at all), version 3 the figures behind them. A report whose
 * target was a --url server (`target` "external: …") counts that server as other work, as the run did.
 */
export function remeasureV2(runs: readonly unknown[], report: Record<string, unknown>): unknown[] {
  const figures = runs.map(figuresOf);
  const measured = figures.filter((record): record is MeasuredFigures => record !== undefined);
  const workload = isRecord(report.settings) ? report.settings.workload : undefined;
  const context = {
    baseline: baselineOf(measured),
    workload: typeof workload === 'string' ? workload : undefined,
    embeddedTarget: !(typeof report.target === 'string' && report.target.startsWith('external:')),
    cores: isRecord(report.environment) ? numberAt(report.environment, 'cpus') : undefined,
  };
  return runs.map((run, index) => {
    const record = figures[index];
    if (!isRecord(run) || record === undefined) return run;
    const rest = withoutKeys(run, ['measurementWarnings']);
    const warnings = measurementWarnings(record, context);
    return warnings.length > 0 ? { ...rest, measurementWarnings: warnings } : rest;
  });
}

function figuresOf(run: unknown): MeasuredFigures | undefined {
  if (!isRecord(run) || 'skipped' in run || typeof run.strategy !== 'string') return undefined;
  const [concurrency, jobs, meanBatchMs, cpuMsPerBatch] = ['concurrency', 'jobs', 'meanBatchMs', 'cpuMsPerBatch'].map(
    (key) => numberAt(run, key),
  );
  if (concurrency === undefined || jobs === undefined || meanBatchMs === undefined || cpuMsPerBatch === undefined) {
    return undefined;
  }
  return {
    strategy: run.strategy,
    concurrency,
    jobs,
    meanBatchMs,
    cpuMsPerBatch,
    otherCpuMsPerBatch: numberAt(run, 'otherCpuMsPerBatch'),
  };
}

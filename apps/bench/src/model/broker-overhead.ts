import { isSkipped, type RunRecord } from './schema.js';

/** The strategy a broker's overhead is measured against: one event loop, the same jobs and W. */
export const BROKER_REFERENCE = 'async';

/**
 * Each broker point's overhead over `async` at the same W and jobs in this run, as (point − async) ÷ jobs in µs, of
 * the mean batch time and of the CPU per batch (the latter only with local workers, whose CPU the point counts).
 * Other records are returned as they are.
 */
export function withBrokerOverhead(runs: readonly RunRecord[]): RunRecord[] {
  return runs.map((run) => {
    if (isSkipped(run) || !run.broker || run.jobs === 0) return run;
    const reference = runs.find(
      (other) =>
        other.strategy === BROKER_REFERENCE && other.concurrency === run.concurrency && other.jobs === run.jobs,
    );
    if (!reference || isSkipped(reference)) return run;
    const perJob = (point: number, async: number) => ((point - async) * 1000) / run.jobs;
    const overAsync = {
      wallUsPerJob: perJob(run.meanBatchMs, reference.meanBatchMs),
      cpuUsPerJob: run.broker.mode === 'local' ? perJob(run.cpuMsPerBatch, reference.cpuMsPerBatch) : null,
    };
    return { ...run, broker: { ...run.broker, overAsync } };
  });
}

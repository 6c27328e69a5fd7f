import type { LatencyPercentiles } from '@fanout/core';
import { followWarmUpRule } from '../harness/warm-up-rule.js';
import type { PeerMeasurement, PeerPlan } from './peer.js';
import type { TimedBatch } from './protocol.js';
import { fromTimedBatches } from './timed-batches.js';

/** One run of a load generator's own process, sized for `jobs` requests, its figures scaled to exactly `jobs`. */
export interface SizedRun extends TimedBatch {
  /** Requests per second the tool measured: what sizes the next run. */
  readonly rate: number;
  readonly latencyMs?: LatencyPercentiles | undefined;
}

/**
 * A load generator that runs as a new process per batch (wrk, h2load): the warm-up rule in requests (a slice or a
 * whole batch is a run sized for that many, sized by the last rate seen), then the timed runs. CPU per batch is
 * kept only when every run measured it.
 */
export async function measureSizedRuns(
  plan: PeerPlan,
  run: (jobs: number, rate: number) => Promise<SizedRun>,
  measures: (rate: number) => string,
): Promise<PeerMeasurement> {
  let rate = 0;
  const sized = async (jobs: number) => {
    const done = await run(jobs, rate);
    rate = done.rate;
    return done;
  };
  const warmUp = await followWarmUpRule(
    plan.jobs,
    plan.concurrency,
    async (jobs) => {
      const started = performance.now();
      const done = await sized(jobs);
      return { jobsMs: done.ms, elapsedMs: performance.now() - started };
    },
    () => plan.signal.aborted,
  );
  const runs: SizedRun[] = [];
  for (let batch = 0; batch < plan.batches && !plan.signal.aborted; batch++) runs.push(await sized(plan.jobs));
  const latencyMs = runs.at(-1)?.latencyMs;
  const measurement = fromTimedBatches(runs, { warmUp, ...(latencyMs ? { latencyMs } : {}), measures: measures(rate) });
  if (runs.every((done) => Number.isFinite(done.cpuMs))) return measurement;
  const { cpuMsPerBatch: _unknown, ...withoutCpu } = measurement;
  return withoutCpu;
}

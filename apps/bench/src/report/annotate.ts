import { isSkipped, type RunRecord } from '../model/schema.js';
import { analyseSweep, pointKey } from './sweep.js';

/** Stores the sweep figures (ideal, efficiency, speed-up, knee) on each completed run, so the JSON carries them. */
export function annotateRuns(
  runs: readonly RunRecord[],
  latencyMs: number,
  jobs: number,
  capacityRps: number | undefined,
): RunRecord[] {
  const { perRun, knees } = analyseSweep(runs, latencyMs, jobs, capacityRps);
  return runs.map((run) => {
    if (isSkipped(run)) return run;
    const point = perRun.get(pointKey(run.strategy, run.concurrency));
    const knee = knees.get(run.strategy);
    return {
      ...run,
      ...(point ? { idealMs: point.idealMs, efficiency: point.efficiency } : {}),
      ...(point?.speedup !== undefined ? { speedup: point.speedup } : {}),
      ...(knee !== undefined ? { knee } : {}),
    };
  });
}

import { join } from 'node:path';
import { prepareOutputDir, prepareOutputFile } from './probe.js';

/** Where a run's report goes: its folder, and the extra --json file when one was asked for. */
export interface RunOutput {
  readonly outDir: string;
  readonly json: string | undefined;
}

/**
 * The run's output, proven by doing before any point runs (a run must never be lost to its output folder):
 * --out, or results/<start time>, made and probed; --json probed too.
 */
export function prepareRunOutput(outDir: string | undefined, json: string | undefined, startedAt: Date): RunOutput {
  const dir = outDir ?? join('results', startedAt.toISOString().replace(/[:.]/g, '-'));
  prepareOutputDir(dir, '--out');
  if (json) prepareOutputFile(json, '--json');
  return { outDir: dir, json };
}

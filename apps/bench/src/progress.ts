import { formatMs } from './format.js';
import { isSkipped, type RunRecord } from './report/schema.js';

/** Progress on stderr, one plain line per point, so stdout stays the table only. */
export function plainProgress(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)) {
  return {
    pointFinished(run: RunRecord, index: number, total: number) {
      const what = isSkipped(run)
        ? `skipped: ${run.skipped}`
        : `${formatMs(run.wallMs)} ±${run.rme.toFixed(1)}% (${run.samples} batches), ${run.succeeded}/${run.jobs} ok`;
      write(`[${index + 1}/${total}] ${run.strategy} W=${run.concurrency}: ${what}`);
    },
  };
}

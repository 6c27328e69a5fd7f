import { formatMs, formatRme } from './format.js';
import { isSkipped, type RunRecord } from './model/schema.js';
import { describeUnmeasured } from './report/unmeasured.js';
import type { SuiteEvents } from './run/suite.js';

function describe(run: RunRecord): string {
  return isSkipped(run)
    ? describeUnmeasured(run)
    : `${formatMs(run.meanBatchMs)} ${formatRme(run.rme)} (${run.samples} batches), ${run.worstBatch.succeeded}/${run.jobs} ok`;
}

/** Not a TTY: one plain line per finished point, on stderr so stdout stays the table. */
export function plainProgress(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): SuiteEvents & { done(): void } {
  return {
    done: () => undefined,
    pointFinished(run, index, total) {
      write(`[${index + 1}/${total}] ${run.strategy} W=${run.concurrency}: ${describe(run)}`);
    },
  };
}

/**
 * A TTY: one live line (current point, batches done, ETA from the points so
 * far), with each finished point kept above it.
 */
export function liveProgress(stream: NodeJS.WriteStream = process.stderr): SuiteEvents & { done(): void } {
  const started = Date.now();
  let current = '';
  let finished = 0;
  let total = 1;
  const eta = () => {
    if (finished === 0) return '';
    const left = ((Date.now() - started) / finished) * (total - finished);
    return ` · ETA ${formatMs(left)}`;
  };
  const draw = (status: string) => {
    stream.write(`\r\x1b[2K${current} ${status}${eta()}`);
  };
  return {
    pointStarted(strategy, concurrency, index, count) {
      total = count;
      current = `[${index + 1}/${count}] ${strategy} W=${concurrency}`;
      draw('starting…');
    },
    batchFinished(done, planned) {
      draw(`batch ${done}/${planned}`);
    },
    pointFinished(run, index, count) {
      finished = index + 1;
      stream.write(`\r\x1b[2K[${index + 1}/${count}] ${run.strategy} W=${run.concurrency}: ${describe(run)}\n`);
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}

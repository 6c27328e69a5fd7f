/** How often a running batch reads its workers' finished-jobs counter: well inside PROGRESS_REPORT_MS. */
const POLL_MS = 250;

/**
 * Reports the workers' finished jobs (an Int32 they add to, see protocol.ts) to a batch's `onProgress`, read on a
 * timer while the batch runs and once at its end: one timer per batch on this thread, nothing per job but the
 * workers' atomic add. A chunk lost with its worker is not counted: progress is a sign of life, not the tally.
 */
export function progressReader(buffer: SharedArrayBuffer) {
  const finished = new Int32Array(buffer);
  return {
    start(onProgress: ((finished: number) => void) | undefined): () => void {
      if (!onProgress) return () => undefined;
      let seen = Atomics.load(finished, 0);
      const report = () => {
        const now = Atomics.load(finished, 0);
        // | 0: the counter is an Int32 and wraps after 2^31 jobs; the difference is still right.
        const count = (now - seen) | 0;
        seen = now;
        if (count > 0) onProgress(count);
      };
      const timer = setInterval(report, POLL_MS);
      return () => {
        clearInterval(timer);
        report();
      };
    },
  };
}

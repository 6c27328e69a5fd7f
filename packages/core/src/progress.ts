/**
 * A progress callback (RunOptions.onProgress) that passes counts on to `report` at most once per `intervalMs`,
 * summed: a finished job costs an addition and a clock read, never a message of its own. The clock is read at each
 * count rather than on a timer, so it works where a computation keeps the event loop (and its timers) busy for a
 * whole batch. Counts still held when the work ends are the caller's to settle (a pool's chunk results).
 */
export function throttleProgress(report: (finished: number) => void, intervalMs: number): (count: number) => void {
  let finished = 0;
  let last = performance.now();
  return (count) => {
    finished += count;
    const now = performance.now();
    if (now - last < intervalMs) return;
    last = now;
    report(finished);
    finished = 0;
  };
}

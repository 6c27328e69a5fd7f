import { cpuSpentMs, descendants } from './descendants.js';

/**
 * Peak resident set size while a region runs, sampled every `intervalMs` plus at start and stop. `restart` forgets
 * the peak so far: a point starts sampling before its warm-up, so that its timer is not new code in the first timed
 * batch, and counts the peak of the timed batches alone (run/point.ts).
 */
export function sampleRss(intervalMs = 10) {
  let peak = process.memoryUsage.rss();
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    restart(): void {
      peak = process.memoryUsage.rss();
    },
    stop(): number {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

/**
 * CPU time of the timed batches only (between `start` and `stop`): this
 * process with its worker threads, and the processes it started (Linux; see
 * descendants.ts). The /proc reads happen outside each window, so they are not
 * counted, and neither is the harness checking results between batches.
 */
export function cpuMeter() {
  let totalMs = 0;
  let ownMs = 0;
  let children: ReadonlyMap<number, number> = new Map();
  return {
    start(): void {
      children = descendants();
      ownMs = cpuTimeMs();
    },
    stop(): void {
      const own = cpuTimeMs() - ownMs;
      totalMs += own + cpuSpentMs(children, descendants());
    },
    get totalMs(): number {
      return totalMs;
    },
  };
}

/** CPU time (user + system, ms) of this process, worker threads included. */
function cpuTimeMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

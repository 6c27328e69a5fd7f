import { cycle } from '@fanout/core';
import type { RunConfig } from '../config.js';
import type { Calibration } from '../model/schema.js';
import { sweptAt } from '../report/view/legends.js';
import { calibrateTarget, DEFAULT_CALIBRATION } from '../target/calibration.js';
import { clientOptions } from '../target/client-options.js';
import type { Target } from '../target/target.js';
import { hasRemoteHost } from '../target/urls.js';

/**
 * The target, calibrated before any point and in a process of its own, over the run's own job URLs in job order.
 * Remote hosts get the run's own politeness: at most --max-per-host requests in flight and a bounded number of requests.
 * Nothing to calibrate for a cpu run (its jobs never touch the target) or after Ctrl-C, and nothing with
 * --calibration off (a run that wants its points and not the 5–12 s of the estimate: the report then says there is
 * none, and why). Its one line goes to stderr.
 */
export async function calibrateStep(
  config: RunConfig,
  target: Target,
  signal: AbortSignal,
): Promise<Calibration | undefined> {
  if (signal.aborted || config.workload.workload === 'cpu') return undefined;
  if (!config.calibrate) {
    const floor = config.urls ? ' and no latency floor for --url' : '';
    process.stderr.write(`calibration: off (--calibration off), so there is no capacity estimate${floor}\n`);
    return undefined;
  }
  const remote = hasRemoteHost(config.urls);
  const calibration = await calibrateTarget(
    cycle(target.calibrationUrls, config.jobs),
    {
      ...DEFAULT_CALIBRATION,
      client: clientOptions(config.protocol, target.ca),
      // A batch never has more than `jobs` requests in flight, so neither does the sweep.
      maxConnections: Math.min(DEFAULT_CALIBRATION.maxConnections, config.jobs),
      ...(remote
        ? { maxConnections: Math.min(config.maxPerHost, config.jobs), maxRequests: Math.max(100, config.jobs) }
        : {}),
    },
    signal,
  );
  process.stderr.write(
    calibration
      ? `calibration: ${Math.round(calibration.capacityRps.max)} req/s, the best of ${calibration.rounds} rounds ${sweptAt(calibration)} (median ${Math.round(calibration.capacityRps.median)}, slowest ${Math.round(calibration.capacityRps.min)}) in ${Math.round(calibration.durationMs)} ms\n`
      : 'calibration: the target could not be calibrated, so there is no capacity estimate\n',
  );
  return calibration;
}

import type { RunConfig } from '../config.js';
import { isLoopback, reachOf } from '../target/urls.js';

/** Names the load about to be sent to hosts that are not this machine's, before any of it is sent. */
export function warnRemoteLoad(config: RunConfig, strategies: number): void {
  const remote = [...new Set((config.urls ?? []).map((url) => new URL(url).host))].filter(
    (host) => !isLoopback(new URL(`http://${host}`).hostname),
  );
  if (remote.length === 0) return;
  const { maxConcurrency = Number.POSITIVE_INFINITY } = reachOf(config);
  const points = strategies * config.concurrency.filter((w) => w <= maxConcurrency).length;
  const requests = points * config.jobs * (config.batches.min + 1);
  process.stderr.write(
    `warning: about to send at least ${requests} requests to ${remote.join(', ')} (${points} points × ${config.jobs} jobs × ${config.batches.min + 1} batches), at most ${config.maxPerHost} at once per host\n`,
  );
}

import { cycle } from '@fanout/core';
import type { RunConfig } from '../config.js';
import type { Calibration } from '../model/schema.js';
import type { Target } from '../target/target.js';

/**
 * Each job's latency, in job order, for the latency floor: the embedded server's page latencies (it sleeps exactly
 * that long) plus the relay's round trip, or for --url the fastest response the calibration saw per URL (through
 * the relay when there is one, so the round trip is in it). Null when unknown (a cpu run, a URL
 * the calibration did not time): then there is no latency floor.
 */
export function jobLatencies(config: RunConfig, target: Target, calibration: Calibration | undefined): number[] | null {
  if (config.workload.workload === 'cpu') return null;
  // Through the relay every request crosses it and its answer comes back: one round trip more, on a warm
  // connection (a cold one pays its handshakes on top), so page latency + RTT stays a lower bound per job.
  const rttMs = config.network?.rttMs ?? 0;
  if (!config.urls) return cycle(config.pages, config.jobs).map((page) => page.latencyMs + rttMs);
  const measured = calibration?.minLatencyMs;
  if (!measured) return null;
  const latencies = cycle(target.urls, config.jobs).map((url) => measured[url]);
  return latencies.every((ms) => ms !== undefined) ? (latencies as number[]) : null;
}

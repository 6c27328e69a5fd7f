import { PROGRESS_REPORT_MS } from '@fanout/core';
import { backoffMs } from '@fanout/core/http';
import { type PointPhase, PROGRESS_MESSAGE_MS } from './messages.js';

/** Creating the strategy: a fixed allowance plus one per lane (a worker thread takes ~130 ms here; 4× for load). */
const STARTUP_BASE_MS = 30_000;
const STARTUP_PER_LANE_MS = 500;
/** Spawning the child and loading modules; closing the strategy and sending the result. */
const PROCESS_ALLOWANCE_MS = 60_000;
/** The first batches in a fresh process compile their code and open their connections. */
const WARM_UP_ALLOWANCE_MS = 30_000;
/** Between two batches the harness checks and counts a batch's results: a fixed part and one per job. */
const CHECK_BASE_MS = 10_000;
const CHECK_PER_JOB_MS = 0.05;
/** Hashing speed assumed for a mixed job's allowance: far below sha256 on any machine Node runs on. */
const HASH_BYTES_PER_MS = 100_000;

export interface ProgressRuleInput {
  readonly concurrency: number;
  readonly jobs: number;
  readonly timeoutMs: number;
  readonly retries: number;
  /** A mixed job's hashing: the largest body (bytes) × rounds; 0 for other workloads. */
  readonly hashedBytes?: number;
}

/** Where a point's process is, as its messages tell: before its first phase message it is starting. */
export type WatchedPhase = 'start-up' | PointPhase;

/**
 * How long a point's process may go without a sign of life (a job finished, a batch done, a phase begun) before it
 * is judged hung and its process tree killed. A long point is never judged by its length, only by its silence, so
 * 200,000 jobs get the same allowance as 200 (issue 17: the old bound, every job at its worst, overflowed a timer).
 *
 *   job      = (retries + 1) × timeout + the longest backoff before each retry + hashed bytes ÷ 100 kB/ms
 *              (one job's worst case; a cpu job gets --timeout too: it has no deadline of its own)
 *   check    = 10 s + 0.05 ms × jobs                         (the harness checking a batch between two batches)
 *   running  = 2 × (job + 1 s report delay + 0.5 s message gap) + check, for a strategy that reports each job
 *            = 2 × ceil(jobs ÷ W) × job + check,               for one that does not (a whole batch, W lanes)
 *   start-up = 2 × (30 s + 0.5 s × W) + 60 s                  (spawn, load, create the strategy)
 *   warm-up  = running + 30 s                                 (the first jobs compile code and open connections)
 *   timed    = running
 *   closing  = 60 s + 0.5 s × W                               (close the strategy, send the result)
 *
 * A figure may exceed a timer's range (2^31 − 1 ms): the watchdog (watchdog.ts) waits for it in several timers.
 */
export function silenceAllowedMs(input: ProgressRuleInput, phase: WatchedPhase, reportsProgress: boolean): number {
  const perLane = STARTUP_PER_LANE_MS * input.concurrency;
  switch (phase) {
    case 'start-up':
      return 2 * (STARTUP_BASE_MS + perLane) + PROCESS_ALLOWANCE_MS;
    case 'closing':
      return PROCESS_ALLOWANCE_MS + perLane;
    case 'warm-up':
      return runningMs(input, reportsProgress) + WARM_UP_ALLOWANCE_MS;
    case 'timed':
      return runningMs(input, reportsProgress);
  }
}

/** One job at its worst: every attempt timing out, the longest backoff before each retry, and its hashing. */
export function jobWorstMs(input: ProgressRuleInput): number {
  let jobMs = (input.retries + 1) * input.timeoutMs;
  for (let attempt = 1; attempt <= input.retries; attempt++) jobMs += backoffMs(attempt, () => 1);
  return jobMs + (input.hashedBytes ?? 0) / HASH_BYTES_PER_MS;
}

function runningMs(input: ProgressRuleInput, reportsProgress: boolean): number {
  const job = jobWorstMs(input);
  const check = CHECK_BASE_MS + CHECK_PER_JOB_MS * input.jobs;
  if (reportsProgress) return 2 * (job + PROGRESS_REPORT_MS + PROGRESS_MESSAGE_MS) + check;
  return 2 * Math.ceil(input.jobs / input.concurrency) * job + check;
}

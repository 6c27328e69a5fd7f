import type { Calibration } from '../model/schema.js';
import type { ClientOptions } from './client-options.js';

/**
 * What the orchestrator and the calibration's own process say to each other over IPC: types only, so the
 * calibrating process loads nothing it does not measure with (no zod, no fanout core index).
 */

/** Orchestrator → calibration process, once. */
export interface CalibrationRequest {
  /** The run's own job URLs, in job order: the real page mix. */
  readonly urls: readonly string[];
  /** Requests in flight tried stop here (--max-per-host for hosts that are not this machine, and the job count). */
  readonly maxConnections: number;
  /** Every request of the calibration together, latency samples included: polite to hosts that are not ours. */
  readonly maxRequests: number;
  /** Each connection count of the sweep is measured over about this long. */
  readonly levelMs: number;
  /** Each timed round at the best count lasts about this long. */
  readonly roundMs: number;
  readonly rounds: number;
  /** What the points speak (client-options.ts): trust this CA, offer h2, ask for this coding. */
  readonly client?: ClientOptions;
}

/** Calibration process → orchestrator, once. */
export type CalibrationReply =
  | { readonly ok: true; readonly result: Calibration }
  | { readonly ok: false; readonly error: string };

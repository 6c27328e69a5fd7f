import type { Job, JobResult } from '@fanout/core';
import type { WorkerLimits } from '@fanout/core/http';

/** Sent once to every worker at start-up (piscina `workerData`). */
export interface WorkerSettings {
  readonly limits: WorkerLimits;
  /** Connections per origin in each worker: the most jobs one chunk runs at once. */
  readonly connections: number;
  /** BroadcastChannel name on which the pool announces aborted batches. */
  readonly abortChannel: string;
  /**
   * One Int32 every worker adds its finished jobs to: the pool reads it on a timer to report progress, so a job's
   * end costs an atomic add, not a message.
   */
  readonly finished: SharedArrayBuffer;
}

/** Holds every worker until all `parties` have started, so start-up is paid before timing. */
export interface BarrierTask {
  readonly kind: 'barrier';
  readonly counter: SharedArrayBuffer;
  readonly parties: number;
  readonly deadline: number;
}

/** One message carrying a chunk of jobs, run `lanes` at a time; one message back with their results in order. */
export interface ChunkTask {
  readonly kind: 'chunk';
  readonly batch: number;
  readonly jobs: readonly Job[];
  readonly lanes: number;
}

export type WorkerTask = BarrierTask | ChunkTask;
export type WorkerReply = readonly JobResult[] | number;

import type { Job, JobResult } from '@fanout/core';
import type { JobLimits } from '@fanout/core/http';

/** Sent once to every worker at start-up (piscina `workerData`). */
export interface WorkerSettings {
  readonly limits: JobLimits;
  /** BroadcastChannel name on which the pool announces aborted batches. */
  readonly abortChannel: string;
}

/** Holds every worker until all `parties` have started, so start-up is paid before timing. */
export interface BarrierTask {
  readonly kind: 'barrier';
  readonly counter: SharedArrayBuffer;
  readonly parties: number;
  readonly deadline: number;
}

export interface JobTask {
  readonly kind: 'job';
  readonly batch: number;
  readonly job: Job;
}

export type WorkerTask = BarrierTask | JobTask;
export type WorkerReply = JobResult | number;

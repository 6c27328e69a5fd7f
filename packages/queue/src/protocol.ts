import type { Job, JobResult } from '@fanout/core';
import type { WorkerLimits } from '@fanout/core/http';

/** What a worker needs to join a point: its queue and the limits every job runs under. */
export interface PointDescriptor {
  readonly queue: string;
  /** Limits and how to speak to servers (CA, HTTP/2, content coding): core's workerLimits, the same as the pools'. */
  readonly limits: WorkerLimits;
  /** The point's W: no worker runs more of its jobs at once (remote workers: min(--concurrency, W)). */
  readonly concurrency: number;
  /** BullMQ lock duration; the stalled check runs every half of it. */
  readonly stallMs: number;
  readonly stalledRetries: number;
}

/** The data of one BullMQ job: the fanout job, its batch and its slot in the batch. */
export interface QueuedJob {
  readonly b: number;
  readonly i: number;
  readonly j: Job;
}

/** What a worker pushes back for one job: the slot, who ran it, and the result. */
export interface ResultEnvelope {
  readonly i: number;
  readonly w: string;
  readonly r: JobResult;
}

/** A worker process, as it registers itself on the points it joins. */
export interface WorkerInfo {
  readonly id: string;
  readonly host: string;
  readonly pid: number;
  /** Jobs it runs at once on this point. */
  readonly concurrency: number;
}

/** Settings a local worker process gets as its first IPC message (no secrets: the URL comes by environment). */
export interface LocalWorkerArgs {
  readonly id: string;
  readonly point: PointDescriptor;
  readonly concurrency: number;
  /** Connections per origin: its share of the point's per-origin cap (its concurrency when none binds). */
  readonly connections: number;
}

/** Local worker → the point's process, over IPC. */
export type FromLocalWorker = { readonly type: 'ready' } | { readonly type: 'failed'; readonly message: string };

/** Control messages on a point's channel. */
export const cancelMessage = (batch: number) => `cancel ${batch}`;
export const END_MESSAGE = 'end';

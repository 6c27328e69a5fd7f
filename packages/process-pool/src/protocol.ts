import type { Job, JobResult } from '@fanout/core';
import type { WorkerLimits } from '@fanout/core/http';

/** Parent → child, once, as the first message: its limits and connections. */
export interface ChildSettings {
  readonly limits: WorkerLimits;
  readonly connections: number;
}

/** Parent → child. */
export type ToChild =
  | { readonly type: 'settings'; readonly settings: ChildSettings }
  | { readonly type: 'chunk'; readonly chunk: number; readonly jobs: readonly Job[]; readonly lanes: number }
  | { readonly type: 'abort' };

/** Child → parent. */
export type FromChild =
  | { readonly type: 'ready' }
  /** Jobs of `chunk` finished since the last report; at most one per PROGRESS_MS, the rest go with the results. */
  | { readonly type: 'progress'; readonly chunk: number; readonly finished: number }
  | { readonly type: 'results'; readonly chunk: number; readonly results: readonly JobResult[] };

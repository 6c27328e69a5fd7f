/** What names a point in every record of it, measured, skipped or interrupted: strategy, W and the batch's jobs. */
export interface PointKey {
  readonly strategy: string;
  readonly concurrency: number;
  readonly jobs: number;
}

/** The one place a point's key is built (the suite, the point's process, its parent and the point itself). */
export function pointKey(strategy: string, concurrency: number, jobs: number): PointKey {
  return { strategy, concurrency, jobs };
}

/** Settings a profile fixes; every one can be overridden by its flag. */
export interface Profile {
  readonly description: string;
  readonly concurrency: readonly number[];
  readonly jobs: number;
  readonly latencyMs: number;
  readonly sizeBytes: number;
  /** Minimum timed batches per point (tinybench `iterations`). */
  readonly iterations: number;
  /** Minimum timed milliseconds per point (tinybench `time`). */
  readonly timeMs: number;
}

/** Named settings, as data: a profile is never a code path. */
export const PROFILES = {
  quick: {
    description:
      'the default: every strategy at W = 1, 10, 50 on 200 jobs of 16 KiB with 5 ms added latency; about a minute',
    concurrency: [1, 10, 50],
    jobs: 200,
    latencyMs: 5,
    sizeBytes: 16 * 1024,
    iterations: 5,
    timeMs: 0,
  },
} as const satisfies Record<string, Profile>;

export type ProfileName = keyof typeof PROFILES;
export const PROFILE_NAMES = Object.keys(PROFILES) as ProfileName[];

import type { DownloadJob } from '@fanout/core';
import type { ServerStats } from '@fanout/fixture-server';

/** Where the jobs go: the embedded fixture server, or URLs the user gave. */
export interface Target {
  /** One line for the report, e.g. "embedded fixture server (child process)". */
  readonly description: string;
  /** The URLs of `count` jobs for the calibration: the same pages, without the fault mix under test. */
  calibrationUrls(count: number): string[];
  /** Base URL of the fixture server whose counters a point's process resets and reads; undefined for --url. */
  readonly controlUrl: string | undefined;
  /** The embedded server's process (its CPU is the target's, not other work on the machine); absent for --url. */
  readonly pid?: number;
  /** `count` jobs cycling through the target's URLs. */
  jobs(count: number): DownloadJob[];
  /** The server's own counters, when the target is a fixture server. */
  stats(): Promise<ServerStats | undefined>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

/** Jobs cycle through `urls`, so 200 jobs over 2 URLs alternate like the post's list. */
export function cycleJobs(urls: readonly string[], count: number): DownloadJob[] {
  return Array.from({ length: count }, (_, id) => ({ id, url: urls[id % urls.length] as string }));
}

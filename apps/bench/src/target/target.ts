import type { ServerStats } from '@fanout/fixture-server';

/** Where the jobs go: the embedded fixture server, or URLs the user gave; maybe behind the relay. */
export interface Target {
  /** One line for the report, e.g. "embedded fixture server (child process)". */
  readonly description: string;
  /** The URLs jobs cycle through, in job order (core's `cycle`): job i goes to urls[i mod n]. */
  readonly urls: readonly string[];
  /** The same URLs for the calibration: the same pages, without the fault mix under test. */
  readonly calibrationUrls: readonly string[];
  /**
   * Base URL of the fixture server whose counters a point's process resets and reads, never through the relay;
   * undefined for --url.
   */
  readonly controlUrl: string | undefined;
  /** PEM of the CA every client (calibration, points, control) trusts: the embedded server's, or --ca's. */
  readonly ca: string | undefined;
  /** The embedded server's process (its CPU is the target's, not other work on the machine); absent for --url. */
  readonly pid?: number;
  /** The server's own counters, when the target is a fixture server. */
  stats(): Promise<ServerStats | undefined>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

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
  /**
   * The decoded body size each job URL must come back with (the embedded server without faults, whose pages are
   * exactly their size); undefined where it is not known.
   */
  readonly bodyBytes?: Readonly<Record<string, number>>;
  /** The server's own counters, when the target is a fixture server. */
  stats(): Promise<ServerStats | undefined>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

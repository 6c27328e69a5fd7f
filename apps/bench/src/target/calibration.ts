import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { killProcessTree } from '../harness/process-tree.js';
import { type Calibration, calibrationSchema } from '../model/schema.js';
import type { ClientOptions } from './client-options.js';

const CHILD_ENTRY = fileURLToPath(new URL('./calibrate-child.js', import.meta.url));
/** A calibration that takes longer than this is abandoned: no capacity bound rather than a stuck run. */
const CALIBRATION_DEADLINE_MS = 60_000;

export interface CalibrationOptions {
  /** Connection counts tried stop here (--max-per-host for hosts that are not this machine). */
  readonly maxConnections: number;
  /** Every request of the calibration together. */
  readonly maxRequests: number;
  /** Each connection count of the sweep runs this long; each of the rounds at the best count, roundMs. */
  readonly levelMs: number;
  readonly roundMs: number;
  readonly rounds: number;
  /** The run's TLS trust, HTTP/2 and coding (client-options.ts): the calibration speaks what the points speak. */
  readonly client?: ClientOptions;
}

/** Short enough for the quick profile: about 2–4 s in all. */
export const DEFAULT_CALIBRATION: CalibrationOptions = {
  maxConnections: 1024,
  maxRequests: 200_000,
  levelMs: 250,
  roundMs: 400,
  rounds: 3,
};

/**
 * Calibrates the target before any point, in a child process of its own (calibrate-child.ts), against the run's own
 * job URLs. Undefined when it fails or measures nothing: then there is no capacity bound, never a guessed one.
 */
export function calibrateTarget(
  urls: readonly string[],
  options: CalibrationOptions = DEFAULT_CALIBRATION,
  signal?: AbortSignal,
): Promise<Calibration | undefined> {
  const child = spawn(process.execPath, [CHILD_ENTRY], {
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => killProcessTree(child), CALIBRATION_DEADLINE_MS);
    // Ctrl-C during the calibration: stop it, the run goes on to write what it has (nothing measured yet).
    const onAbort = () => killProcessTree(child);
    signal?.addEventListener('abort', onAbort, { once: true });
    let answer: Calibration | undefined;
    child.once('message', (message) => {
      const reply = message as { ok?: unknown; result?: unknown };
      const parsed = reply.ok === true ? calibrationSchema.safeParse(reply.result) : undefined;
      if (parsed?.success && parsed.data.capacityRps.median > 0) answer = parsed.data;
    });
    child.once('error', () => resolve(undefined));
    child.once('exit', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(answer);
    });
    child.send({ urls: [...urls], ...options });
  });
}

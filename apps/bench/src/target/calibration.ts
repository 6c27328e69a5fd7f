import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { killProcessTree } from '../harness/process-tree.js';
import { type Calibration, calibrationSchema } from '../model/schema.js';
import type { CalibrationRequest } from './calibration-protocol.js';

// dist/target/calibrate-child.js from both src/target (tests) and dist/target (built): the child runs compiled JS.
const CHILD_ENTRY = fileURLToPath(new URL('../../dist/target/calibrate-child.js', import.meta.url));
/** A calibration that takes longer than this is abandoned: no capacity estimate rather than a stuck run. */
const CALIBRATION_DEADLINE_MS = 60_000;

/** How the calibration measures (calibration-protocol.ts): everything but the URLs. */
export type CalibrationOptions = Omit<CalibrationRequest, 'urls'>;

/**
 * About 5–12 s in all (4.7 s in docs/results-peers.json, 9.9 s in results-seed.json, 11.3–11.6 s over the realistic
 * profile's 30 ms relay): the latency samples (at most ~2 s), the warm-up rule at 64 connections and rounds until the
 * target's rate stops rising, the sweep (about levelMs a level), then 8 rounds of roundMs at the sweep's best count
 * (alternating with the second best when it is within 10%). The request budget is a safety net here; for hosts that are not this machine
 * session/calibrate.ts lowers it to be polite.
 */
export const DEFAULT_CALIBRATION: CalibrationOptions = {
  maxConnections: 1024,
  maxRequests: 1_000_000,
  levelMs: 250,
  roundMs: 400,
  rounds: 8,
};

/**
 * Calibrates the target before any point, in a child process of its own (calibrate-child.ts), against the run's own
 * job URLs: a capacity estimate (the best round; min, median and max kept) and each URL's fastest warm answer.
 * Undefined when it fails or measures nothing: then there is no capacity estimate, never a guessed one.
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
      if (parsed?.success && parsed.data.capacityRps.max > 0) answer = parsed.data;
    });
    child.once('error', () => resolve(undefined));
    child.once('exit', () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(answer);
    });
    child.send({ urls: [...urls], ...options } satisfies CalibrationRequest);
  });
}

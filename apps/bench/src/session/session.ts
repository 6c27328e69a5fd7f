import type { RunConfig } from '../config.js';
import { onInterrupt } from '../interrupt.js';
import type { Calibration, PageCheck, PeerRecord, RunRecord } from '../model/schema.js';
import { liveProgress, plainProgress } from '../progress.js';
import type { PointEnvironment } from '../run/suite.js';
import type { LoadedStrategy } from '../strategies/load.js';
import { externalTarget } from '../target/external.js';
import { relayedTarget } from '../target/relayed.js';
import { startServerProcess } from '../target/server-process.js';
import type { Target } from '../target/target.js';
import { openBroker } from './broker.js';
import { calibrateStep } from './calibrate.js';
import { jobLatencies } from './job-latencies.js';
import { referenceStep } from './reference-step.js';
import { warnRemoteLoad } from './remote-warning.js';
import { runRounds } from './rounds.js';

/** What a run session measured: everything the report is built from. */
export interface SessionResult {
  /** The target in one line (which server, which pages, which faults). */
  readonly target: string;
  readonly calibration: Calibration | undefined;
  /** What each URL's successful jobs were checked against (run/reference.ts); empty for the cpu workload. */
  readonly pages: readonly PageCheck[];
  /** Each point's median round. */
  readonly runs: readonly RunRecord[];
  readonly peers: readonly PeerRecord[];
  /** Each job's latency in job order (the latency floor's input); null when unknown. */
  readonly jobLatenciesMs: readonly number[] | null;
  /** Ctrl-C ended the session early. */
  readonly interrupted: boolean;
}

/**
 * One run's measurements, from the target's start to its close: the calibration, then the rounds of points and
 * peers. Ctrl-C (interrupt.ts) ends it early with what finished; the target (and the queue's Redis, if the run
 * started one) is closed whatever happens.
 */
export async function runSession(config: RunConfig, strategies: readonly LoadedStrategy[]): Promise<SessionResult> {
  if (config.urls && config.allowRemote) warnRemoteLoad(config, strategies.length);
  const controller = new AbortController();
  const interrupt = onInterrupt(controller);
  let measured: Omit<SessionResult, 'interrupted'>;
  try {
    // The queue's Redis (embedded unless --redis) lives for the whole run, as the target does.
    const broker = await openBroker(config, strategies);
    try {
      measured = await measureTarget(config, strategies, await openTarget(config), controller.signal, broker.needsOf);
    } finally {
      await broker.close();
    }
  } finally {
    interrupt.dispose();
  }
  return { ...measured, interrupted: controller.signal.aborted };
}

/** The embedded server (over the run's protocol) or the --url targets, behind the relay when --rtt/--bandwidth. */
async function openTarget(config: RunConfig): Promise<Target> {
  const { protocol, network } = config;
  const target = config.urls
    ? externalTarget(config.urls, protocol.caPem)
    : await startServerProcess(config.pages, config.faults, protocol);
  if (!network) return target;
  try {
    return await relayedTarget(target, network);
  } catch (error) {
    await target.close();
    throw error;
  }
}

async function measureTarget(
  config: RunConfig,
  strategies: readonly LoadedStrategy[],
  target: Target,
  signal: AbortSignal,
  needsOf: PointEnvironment,
): Promise<Omit<SessionResult, 'interrupted'>> {
  const progress = process.stderr.isTTY ? liveProgress() : plainProgress();
  try {
    const calibration = await calibrateStep(config, target, signal);
    const pages = await referenceStep(config, target, signal);
    const { runs, peers } = await runRounds(config, strategies, target, signal, progress, pages, needsOf);
    return {
      target: target.description,
      calibration,
      pages,
      runs,
      peers,
      jobLatenciesMs: jobLatencies(config, target, calibration),
    };
  } finally {
    progress.done();
    await target.close();
  }
}

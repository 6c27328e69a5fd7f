import type { RunConfig } from '../config.js';
import { medianRounds } from '../model/repeat.js';
import type { PageCheck, PeerRecord, RunRecord } from '../model/schema.js';
import { runSuite, type SuiteEvents } from '../run/suite.js';
import type { LoadedStrategy } from '../strategies/load.js';
import type { Target } from '../target/target.js';
import { runPeersStep } from './peers.js';

export interface RoundsResult {
  /** Each point's median round. */
  readonly runs: RunRecord[];
  /** Each peer's median round; empty without peers. */
  readonly peers: PeerRecord[];
}

/**
 * --repeat interleaved rounds: every point and peer of round 1, then of round 2, …; each keeps its median round.
 * Even rounds run the peers first, so neither side always follows the same neighbour (a long Python peer). Ctrl-C
 * ends the rounds with what finished.
 */
export async function runRounds(
  config: RunConfig,
  strategies: readonly LoadedStrategy[],
  target: Target,
  signal: AbortSignal,
  progress: SuiteEvents,
  pages: readonly PageCheck[] = [],
): Promise<RoundsResult> {
  const pointRounds: RunRecord[][] = [];
  const peerRounds: PeerRecord[][] = [];
  const points = async () => pointRounds.push(await runSuite(strategies, config, target, signal, progress, pages));
  const peers = async () => {
    if (config.peers.length > 0) peerRounds.push(await runPeersStep(config, target, signal));
  };
  for (let round = 0; round < config.repeat && !signal.aborted; round++) {
    if (config.repeat > 1) process.stderr.write(`round ${round + 1} of ${config.repeat}\n`);
    const order = round % 2 === 0 ? [points, peers] : [peers, points];
    for (const part of order) if (!signal.aborted) await part();
  }
  return { runs: medianRounds(pointRounds), peers: medianRounds(peerRounds) };
}

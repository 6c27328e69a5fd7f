import { formatCount, formatCpuPerRequest, formatRatio } from '../../format.js';
import { cpuRatio, medianRate, type PairedRatio, rateRatio } from '../../model/pairing.js';
import { CEILING_PEER, LOAD_GENERATOR_PEERS } from '../../model/peer-roles.js';
import { type CompletedRun, isMeasuredPeer, isSkipped, type MeasuredRecord, type Report } from '../../model/schema.js';

/** One strategy or peer beside the peers at one W: every cell as text, with the paired ratios. */
export interface PeerComparisonRow {
  readonly kind: 'strategy' | 'peer';
  readonly name: string;
  /** req/s over the kept round's median batch. */
  readonly rate: string;
  readonly cpuPerRequest: string;
  /** Paired by round: req/s ÷ the ceiling's, ÷ the best load generator's; CPU per request ÷ the ceiling's. */
  readonly overCeiling: string;
  readonly overBestGenerator: string;
  readonly cpuOverCeiling: string;
  readonly what: string;
  /** Its ratios to the ceiling in one line, for the terminal ("" for the ceiling itself). */
  readonly summary: string;
  /** The raw paired ratios, for tests and charts. */
  readonly ratios: {
    readonly ceiling?: PairedRatio | undefined;
    readonly bestGenerator?: PairedRatio | undefined;
    readonly cpu?: PairedRatio | undefined;
  };
}

export interface PeerSection {
  readonly concurrency: number;
  readonly rows: readonly PeerComparisonRow[];
  /** Peers that did not run at this W, with why. */
  readonly skipped: readonly { readonly name: string; readonly reason: string }[];
}

/** A paired ratio in words: "0.97×", or with rounds "0.97× (0.91–1.04; rounds 0.91, 1.04, 0.97; parity within noise)". */
export function describePaired(ratio: PairedRatio | undefined): string {
  if (!ratio) return '–';
  if (ratio.perRound.length < 2) return formatRatio(ratio.median);
  const rounds = ratio.perRound.map((r) => (r === null ? '–' : r.toFixed(2))).join(', ');
  const parity = ratio.parityWithinNoise ? '; parity within noise' : '';
  return `${formatRatio(ratio.median)} (${ratio.min.toFixed(2)}–${ratio.max.toFixed(2)}; rounds ${rounds}${parity})`;
}

function comparisonRow(
  kind: PeerComparisonRow['kind'],
  record: MeasuredRecord,
  what: string,
  ceiling: MeasuredRecord | undefined,
  generators: readonly MeasuredRecord[],
): PeerComparisonRow {
  // The ceiling against itself says nothing.
  const isCeiling = record === ceiling;
  const ratios = {
    ...(ceiling && !isCeiling ? { ceiling: rateRatio(record, [ceiling]), cpu: cpuRatio(record, ceiling) } : {}),
    ...(generators.length > 0 ? { bestGenerator: rateRatio(record, generators) } : {}),
  };
  const cpu = ratios.cpu ? `, CPU per request ${describePaired(ratios.cpu)}` : '';
  return {
    kind,
    name: record.strategy,
    rate: formatCount(medianRate(record)),
    cpuPerRequest: formatCpuPerRequest(record.cpuUsPerRequest),
    overCeiling: describePaired(ratios.ceiling),
    overBestGenerator: describePaired(ratios.bestGenerator),
    cpuOverCeiling: describePaired(ratios.cpu),
    what,
    summary: !ratios.ceiling
      ? ''
      : `${record.strategy}${kind === 'peer' ? ' (peer)' : ''} at W = ${record.concurrency}: ${describePaired(ratios.ceiling)} ${CEILING_PEER}'s req/s${cpu}`,
    ratios,
  };
}

/** At each W where a peer ran: every strategy's and peer's req/s, CPU per request and ratios, paired by round. */
export function peerSections(report: Report): PeerSection[] {
  const peers = report.peers ?? [];
  return [...new Set(peers.map((peer) => peer.concurrency))].map((w) => {
    const measured = peers.filter((peer) => peer.concurrency === w).filter(isMeasuredPeer);
    const ceiling = measured.find((peer) => peer.strategy === CEILING_PEER);
    const generators = measured.filter((peer) => LOAD_GENERATOR_PEERS.includes(peer.strategy));
    const points = report.runs.filter((run): run is CompletedRun => run.concurrency === w && !isSkipped(run));
    return {
      concurrency: w,
      rows: [
        ...points.map((run) => comparisonRow('strategy', run, run.configuration ?? '', ceiling, generators)),
        ...measured.map((peer) => comparisonRow('peer', peer, peer.measures, ceiling, generators)),
      ],
      skipped: peers.flatMap((peer) =>
        peer.concurrency === w && 'skipped' in peer ? [{ name: peer.strategy, reason: peer.skipped }] : [],
      ),
    };
  });
}

import { formatCount } from '../format.js';
import { type CompletedRun, isSkipped, type PeerRun, type Report } from '../model/schema.js';
import { LOAD_GENERATORS } from '../peers/peer.js';
import { escapeMarkdown as esc } from './escape.js';

/** Requests per second over the median batch (the mean where an older report has no median). */
function medianRps(timing: Pick<CompletedRun, 'jobs' | 'medianBatchMs' | 'requestsPerSecond'>): number {
  const ms = timing.medianBatchMs;
  return ms !== undefined && ms > 0 ? (timing.jobs * 1000) / ms : timing.requestsPerSecond;
}

/**
 * The Markdown section that answers "is fanout the bottleneck?": at each W,
 * every strategy's and peer's req/s as a ratio to the bare undici Pool (the
 * ceiling for undici-based strategies) and to the best load generator.
 */
export function peerRatioLines(report: Report): string[] {
  const peers = report.peers ?? [];
  if (peers.length === 0) return [];
  const lines = [
    '## Beside trusted peers',
    '',
    'Requests per second over the median batch, on the same target, jobs and W, measured in this run (the median, not the mean, so that one batch the machine slowed down does not decide a ratio; the mean is in the tables above). `× undici-pool` is the ratio to a bare undici `Pool` loop with no accounting; `× best load generator` to the faster of autocannon and wrk. Peers measure differently (see "what ran"); compare ratios, not single figures.',
    '',
  ];
  for (const w of [...new Set(peers.map((peer) => peer.concurrency))]) {
    const measured = peers.filter((peer): peer is PeerRun => peer.concurrency === w && !('skipped' in peer));
    const undiciPool = measured.find((peer) => peer.strategy === 'undici-pool');
    const ceiling = undiciPool ? medianRps(undiciPool) : undefined;
    const generators = measured.filter((peer) => (LOAD_GENERATORS as readonly string[]).includes(peer.strategy));
    const best = generators.length > 0 ? Math.max(...generators.map(medianRps)) : undefined;
    const ratio = (rps: number, base: number | undefined) => (base ? `${(rps / base).toFixed(2)}×` : 'n/a');
    const rows = [
      ...report.runs
        .filter((run): run is CompletedRun => run.concurrency === w && !isSkipped(run))
        .map((run) => ['strategy', run.strategy, medianRps(run), run.configuration ?? ''] as const),
      ...measured.map((peer) => ['peer', peer.strategy, medianRps(peer), peer.measures] as const),
    ];
    lines.push(
      `### W = ${w}`,
      '',
      '| | name | req/s (median batch) | × undici-pool | × best load generator | what ran |',
      '|---|---|--:|--:|--:|---|',
    );
    for (const [kind, name, rps, what] of rows) {
      lines.push(
        `| ${kind} | ${esc(name)} | ${formatCount(rps)} | ${ratio(rps, ceiling)} | ${ratio(rps, best)} | ${esc(what)} |`,
      );
    }
    const skipped = peers.filter((peer) => peer.concurrency === w && 'skipped' in peer);
    for (const peer of skipped)
      if ('skipped' in peer) lines.push(`| peer | ${esc(peer.strategy)} | skipped | | | ${esc(peer.skipped)} |`);
    lines.push('');
  }
  return lines;
}

import { formatMs } from '../../format.js';
import type { Calibration, Report } from '../../model/schema.js';

/**
 * Every sentence the renderers print about the figures, in one place: the terminal table, report.md, report.html
 * and sweep.svg say the same thing in the same words. Plain text; each renderer escapes it for its format.
 */

/** Marks a strategy's knee in the W column, the sweep pivots and the chart. */
export const KNEE_MARK = '◆';
export const KNEE_LEGEND = `${KNEE_MARK} knee: the smallest W whose next grid point gains no more than the margins of error`;

/** Marks a figure with a warning (listed under the table, per figure). */
export const WARN_MARK = '⚠';

export const INTERRUPTED_BANNER =
  'Interrupted: the point that was running is listed with the jobs it completed, without a batch time; the points that finished are shown.';

export const BATCH_PIVOT_LEGEND = `Mean batch time ± relative margin of error (95%), one row per concurrency W, one column per strategy; n/a = fewer than two batches, spread unknown. ${KNEE_LEGEND}.`;

export const OVER_BASELINE_LEGEND =
  'Sequential batch time ÷ batch time: how many times faster than one job at a time. CPU per request in the detail table shows what each point paid for it.';

export const FLOOR_LEGEND =
  "Latency floor: a proven lower bound, the fewest ms the job list's latencies (each page's added latency, plus one round trip with --rtt) can take on W lanes (the longest job, the work ÷ W, and the pigeonhole bound over the longest jobs); a point below it is a broken bound, which means the server answered early or the floor's inputs are wrong.";

/** A report without a calibration says why: turned off on purpose (--calibration off), or not possible. */
const TURNED_OFF = 'the calibration was turned off with --calibration off';

/** The calibration in words: the rate the capacity estimate uses, with its spread and cost. */
export function calibrationText(
  calibration: Calibration | undefined,
  settings: Pick<Report['settings'], 'calibration'>,
): string {
  if (!calibration) {
    return settings.calibration === 'off'
      ? `none: ${TURNED_OFF}`
      : 'none: the target was not calibrated (a cpu run, or the calibration failed)';
  }
  const { capacityRps: rps, rounds, durationMs } = calibration;
  return `${Math.round(rps.max)} req/s, the best of ${rounds} calibration rounds ${sweptAt(calibration)} (${Math.round(rps.min)}–${Math.round(rps.max)} req/s, measured before the points in ${formatMs(durationMs)})`;
}

/** Where the calibration's best round ran: connections over HTTP/1.1, requests in flight on fewer h2 connections. */
export function sweptAt({ connections, streams, inFlight }: Calibration): string {
  if (streams === undefined || streams <= 1) return `at ${connections} connections`;
  return `at ${inFlight ?? connections * streams} requests in flight on ${connections} h2 connection${connections === 1 ? '' : 's'} × up to ${streams} streams`;
}

/** What the capacity estimate is, with this run's calibration. */
export function capacityLegend(
  calibration: Calibration | undefined,
  settings: Pick<Report['settings'], 'calibration'>,
): string {
  if (!calibration) {
    return `Capacity estimate: none (${settings.calibration === 'off' ? TURNED_OFF : 'the target was not calibrated'}).`;
  }
  return `Capacity estimate: not a bound, the batch at the calibration's best measured rate, ${calibrationText(calibration, settings)}; a faster client can beat it, and a point that does is flagged with by how much.`;
}

export const EFFICIENCY_LEGEND =
  'Efficiency = latency floor ÷ batch time / capacity estimate ÷ batch time, uncapped: above 100% against the floor is a broken bound, above 100% against the estimate a point faster than the calibration. ⚠ marks both, and each is listed below.';

export const PEERS_LEGEND =
  'Requests per second over the median batch, on the same target, jobs and W, measured in this run. Ratios are paired by round (--repeat): each round of a strategy is divided by the same round of the peer, and the cell gives the median of those ratios, their range and each round; "parity within noise" when the range crosses 1. × undici-pool: against the bare dispatch loop (the same work as the job runner, nothing else); × best load generator: against the fastest of autocannon, wrk and h2load that ran, in the same round; CPU × undici-pool: CPU per request against the bare dispatch loop\'s. Peers measure differently (see "what ran"); compare ratios, not single figures.';

/** One line under a narrow table: which columns it left out, and how to see them. */
export function droppedLine(heads: readonly string[]): string {
  return `not shown for the terminal's width: ${heads.join(', ')} (--wide shows every column; the files have them all)`;
}

/** --repeat in words: how the rounds ran and which one each figure comes from. */
export function describeRounds(repeat: number): string {
  return `${repeat}, interleaved (every point and peer once per round, even rounds peers first); each figure is from its median round, the ratios between points and peers are paired by round`;
}

export const BROKER_LEGEND =
  "Queue points run their jobs through BullMQ on Redis. Redis's commands and CPU are counted server-wide from INFO before and after each batch (another client on the same Redis would inflate them), warm-up included; Redis's CPU is in no point's figure. The overhead is against async at the same W in this run, (queue − async) ÷ jobs, from the mean batch time and, with local workers, the CPU per batch.";

/**
 * What one batch is judged against. The latency floor is a lower bound, proven rather than estimated: a point that
 * beats it means the server answered early or the floor's inputs were wrong, never that the point is better than
 * possible. The capacity estimate is not a bound: it is the calibration's best measured rate, which a faster client
 * can beat.
 */

/**
 * The fewest milliseconds `latencies` (one per job, each a request that cannot finish sooner) can take on `lanes`
 * lanes, each lane one job at a time. The best of these bounds, each a pigeonhole argument:
 * - the longest job: max l;
 * - the work spread evenly: Σl ÷ W;
 * - for every k ≥ 1, among the kW + 1 longest jobs some lane runs k + 1, so the batch takes at least the k + 1
 *   shortest of them (sorted descending, l[kW − k] + … + l[kW]). For n identical jobs this is ceil(n ÷ W) × l.
 * 0 for no jobs.
 */
export function latencyFloorMs(latencies: readonly number[], lanes: number): number {
  if (latencies.length === 0) return 0;
  const W = Math.max(1, Math.floor(lanes));
  const sorted = [...latencies].sort((a, b) => b - a);
  let floor = Math.max(sorted[0] as number, sorted.reduce((sum, l) => sum + l, 0) / W);
  for (let k = 1; k * W < sorted.length; k++) {
    let tail = 0;
    for (let i = k * W - k; i <= k * W; i++) tail += sorted[i] as number;
    floor = Math.max(floor, tail);
  }
  return floor;
}

/** The batch at the capacity estimate's rate: jobs ÷ req/s. Undefined without a measured rate. Not a bound. */
export function capacityEstimateMs(jobs: number, capacityRps: number | undefined): number | undefined {
  return capacityRps !== undefined && capacityRps > 0 ? (jobs * 1000) / capacityRps : undefined;
}

/**
 * Reference ÷ measured time, uncapped: above 1 against the latency floor is a broken bound, above 1 against the
 * capacity estimate a point faster than the estimate. Null without a reference (or a measured time of 0).
 */
export function efficiencyAgainst(referenceMs: number | null, meanBatchMs: number): number | null {
  if (referenceMs === null || referenceMs <= 0 || meanBatchMs <= 0) return null;
  return referenceMs / meanBatchMs;
}

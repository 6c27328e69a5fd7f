import type { PeerRecord, RunRecord } from './schema.js';

type Entry = RunRecord | PeerRecord;

function measuredMs(entry: Entry): number | undefined {
  return 'skipped' in entry ? undefined : entry.meanBatchMs;
}

/**
 * One record per point (or peer) from several interleaved rounds of the same
 * run: the round whose mean batch time is the median (the lower middle for an
 * even count), carrying every round's mean in `roundsMs`. A round that did not
 * measure the point (skipped, interrupted) counts only when no round did.
 * Order follows the first round. One round is returned as it is.
 */
export function medianRounds<T extends Entry>(rounds: readonly (readonly T[])[]): T[] {
  if (rounds.length <= 1) return [...(rounds[0] ?? [])];
  const key = (entry: Entry) => `${entry.strategy}@${entry.concurrency}`;
  const byKey = new Map<string, T[]>();
  for (const round of rounds) {
    for (const entry of round) byKey.set(key(entry), [...(byKey.get(key(entry)) ?? []), entry]);
  }
  return [...byKey.values()].map((entries) => {
    const measured = entries
      .map((entry) => ({ entry, ms: measuredMs(entry) }))
      .filter((item): item is { entry: T; ms: number } => item.ms !== undefined);
    if (measured.length === 0) return entries[0] as T;
    const roundsMs = measured.map((item) => item.ms);
    const median = [...measured].sort((a, b) => a.ms - b.ms)[Math.floor((measured.length - 1) / 2)] as {
      entry: T;
      ms: number;
    };
    return measured.length > 1 ? { ...median.entry, roundsMs } : median.entry;
  });
}

import type { MeasuredRecord, PeerRecord, RunRecord } from './schema.js';
import type { Round } from './schema-parts.js';

type Entry = RunRecord | PeerRecord;

function measured(entry: Entry): MeasuredRecord | undefined {
  return 'skipped' in entry ? undefined : entry;
}

/** What a round keeps of a measured record: enough to pair it with another record of the same round. */
export function roundOf(record: MeasuredRecord): Round {
  return {
    meanBatchMs: record.meanBatchMs,
    ...(record.medianBatchMs !== undefined ? { medianBatchMs: record.medianBatchMs } : {}),
    ...(record.cpuMsPerBatch !== undefined ? { cpuMsPerBatch: record.cpuMsPerBatch } : {}),
  };
}

/**
 * One record per point (or peer) from several interleaved rounds of the same run: the round whose mean batch time
 * is the median (the lower middle for an even count: a round that was measured, never an average of two), carrying
 * every round in `rounds`, by round index, null where that round did not measure it (skipped, interrupted, not
 * reached). A point no round measured keeps its first record. Order follows first appearance. One round is
 * returned as it is.
 */
export function medianRounds<T extends Entry>(rounds: readonly (readonly T[])[]): T[] {
  if (rounds.length <= 1) return [...(rounds[0] ?? [])];
  const key = (entry: Entry) => `${entry.strategy}@${entry.concurrency}`;
  const byKey = new Map<string, (T | undefined)[]>();
  rounds.forEach((round, index) => {
    for (const entry of round) {
      const entries = byKey.get(key(entry)) ?? Array<T | undefined>(rounds.length).fill(undefined);
      entries[index] = entry;
      byKey.set(key(entry), entries);
    }
  });
  return [...byKey.values()].map((entries) => {
    const present = entries.filter((entry): entry is T => entry !== undefined);
    const timed = present.filter((entry) => measured(entry) !== undefined);
    if (timed.length === 0) return present[0] as T;
    const byTime = [...timed].sort((a, b) => (measured(a)?.meanBatchMs ?? 0) - (measured(b)?.meanBatchMs ?? 0));
    const median = byTime[Math.floor((byTime.length - 1) / 2)] as T;
    const perRound = entries.map((entry) => {
      const record = entry === undefined ? undefined : measured(entry);
      return record ? roundOf(record) : null;
    });
    return { ...median, rounds: perRound };
  });
}

/** The fastest and slowest round's mean batch time, and that range ÷ the kept round's; undefined for one round. */
export function roundSpread(record: MeasuredRecord): { minMs: number; maxMs: number; relative: number } | undefined {
  const times = (record.rounds ?? []).flatMap((round) => (round ? [round.meanBatchMs] : []));
  if (times.length < 2) return undefined;
  const minMs = Math.min(...times);
  const maxMs = Math.max(...times);
  return { minMs, maxMs, relative: record.meanBatchMs > 0 ? (maxMs - minMs) / record.meanBatchMs : 0 };
}

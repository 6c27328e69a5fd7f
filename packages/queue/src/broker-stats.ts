import type { Redis } from 'ioredis';

/** Redis's counters at one moment: calls per command (INFO commandstats) and its CPU seconds (INFO cpu). */
export interface RedisCounters {
  readonly calls: ReadonlyMap<string, number>;
  readonly cpuMs: number;
}

/** What the broker cost over the batches measured so far. */
export interface BrokerCost {
  readonly batches: number;
  readonly jobs: number;
  /**
   * Commands Redis executed per job, every client counted (producer, workers,
   * the strategy's own reads; commands run inside BullMQ's Lua scripts count as
   * well as the EVALSHA that ran them). The measuring INFO itself is left out.
   */
  readonly commandsPerJob: number;
  /** Lua scripts run per job (EVALSHA, EVAL): BullMQ's own steps and the strategy's result push, one round trip each. */
  readonly scriptsPerJob: number;
  /** The same, per command name, largest first. */
  readonly commandsPerJobByName: Readonly<Record<string, number>>;
  /** redis-server's own CPU (user + system) per job, in µs: not billed to the point, as Redis is not its child. */
  readonly redisCpuUsPerJob: number;
}

/** Parses `INFO commandstats` and `INFO cpu` text. */
export function parseCounters(info: string): RedisCounters {
  const calls = new Map<string, number>();
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    calls.set((match[1] as string).toLowerCase(), Number(match[2]));
  }
  const cpu = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return { calls, cpuMs: (cpu('used_cpu_user') + cpu('used_cpu_sys')) * 1000 };
}

/** Reads the counters (one INFO command: Redis 7 takes several sections at once). */
export async function readCounters(redis: Redis): Promise<RedisCounters> {
  return parseCounters(await redis.info('commandstats', 'cpu'));
}

/** Commands not counted as the broker's work: the measurement itself. */
const MEASUREMENT = new Set(['info']);

const SCRIPTS = ['evalsha', 'eval', 'evalsha_ro', 'eval_ro', 'fcall', 'fcall_ro'];

/** Accumulates the counters' differences over batches. */
export function createCostMeter() {
  const totals = new Map<string, number>();
  let cpuMs = 0;
  let batches = 0;
  let jobs = 0;
  return {
    add(before: RedisCounters, after: RedisCounters, batchJobs: number): void {
      for (const [name, calls] of after.calls) {
        if (MEASUREMENT.has(name)) continue;
        const delta = calls - (before.calls.get(name) ?? 0);
        if (delta > 0) totals.set(name, (totals.get(name) ?? 0) + delta);
      }
      cpuMs += Math.max(0, after.cpuMs - before.cpuMs);
      batches += 1;
      jobs += batchJobs;
    },
    cost(): BrokerCost | undefined {
      if (jobs === 0) return undefined;
      const byName = [...totals.entries()].sort((a, b) => b[1] - a[1]);
      const total = byName.reduce((sum, [, calls]) => sum + calls, 0);
      return {
        batches,
        jobs,
        commandsPerJob: total / jobs,
        scriptsPerJob: SCRIPTS.reduce((sum, name) => sum + (totals.get(name) ?? 0), 0) / jobs,
        commandsPerJobByName: Object.fromEntries(byName.map(([name, calls]) => [name, calls / jobs])),
        redisCpuUsPerJob: (cpuMs * 1000) / jobs,
      };
    },
  };
}

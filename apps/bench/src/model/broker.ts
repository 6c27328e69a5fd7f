import { z } from 'zod';
import { count, ms } from './schema-parts.js';

/**
 * A point on a broker (the queue strategy, issue 20): where its workers ran, what the broker cost per job, and that
 * cost against `async` at the same W in the same run. Stored on the point as `broker` (schema.ts), absent for every
 * other strategy; the view shows it in every rendering.
 */
export const brokerSchema = z.object({
  /**
   * 'local': worker processes the point started (its children: their CPU and memory are in the point's figures);
   * 'remote': workers started elsewhere (fanout worker), whose CPU and memory no figure of the point counts.
   */
  mode: z.enum(['local', 'remote']),
  /** Jobs in flight per worker: one entry per worker the point started or found (the configuration: 2 × 16). */
  lanes: z.array(count),
  /** Worker processes that sent at least one result, by where they ran. */
  workersRan: z.object({ local: count, remote: count }),
  /** Redis commands per job (INFO commandstats before and after each batch, every client, inside scripts too). */
  commandsPerJob: ms,
  /** Lua scripts run per job (EVALSHA round trips). */
  scriptsPerJob: ms,
  /** redis-server's own CPU per job, µs: in no figure of the point (Redis is not its child). */
  redisCpuUsPerJob: ms,
  /** Results dropped as a job's second result (run again after its worker was presumed dead). */
  duplicatesDropped: count,
  redisVersion: z.string(),
  /**
   * (this point − `async` at the same W in the same run) ÷ jobs, in µs: batch time (mean) and CPU per batch. CPU is
   * null with remote workers (theirs is not counted). Absent when `async` did not complete at that W.
   */
  overAsync: z.object({ wallUsPerJob: z.number(), cpuUsPerJob: z.number().nullable() }).optional(),
});

export type Broker = z.infer<typeof brokerSchema>;

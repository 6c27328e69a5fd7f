import type { Strategy } from '@fanout/core';
import { z } from 'zod';
import type { Broker } from '../model/broker.js';

/**
 * What a strategy on a broker says about itself beyond `configuration`: the queue strategy's `report()` (its
 * QueueReport, packages/queue/src/report.ts), read as data through this schema, since the point loads strategies by
 * path and knows them only by the contract. Only the fields the report stores are read.
 */
const brokerReportSchema = z.object({
  mode: z.enum(['local', 'remote']),
  lanes: z.array(z.number().int().min(0)),
  workersRan: z.object({ local: z.number().int().min(0), remote: z.number().int().min(0) }),
  redisVersion: z.string(),
  duplicatesDropped: z.number().int().min(0),
  cost: z.object({
    commandsPerJob: z.number().min(0),
    scriptsPerJob: z.number().min(0),
    redisCpuUsPerJob: z.number().min(0),
  }),
});

/**
 * The point's broker figures, when its strategy reports them (a `report()` whose result fits the schema, after its
 * batches ran); undefined for every other strategy. A report that does not fit is named on stderr, not guessed at.
 */
export function brokerFigures(strategy: Strategy): Broker | undefined {
  const report = (strategy as { report?: unknown }).report;
  if (typeof report !== 'function') return undefined;
  const parsed = brokerReportSchema.safeParse(report.call(strategy));
  if (!parsed.success) {
    process.stderr.write(`point: the strategy's report() is not a broker report: ${parsed.error.issues[0]?.message}\n`);
    return undefined;
  }
  const { mode, lanes, workersRan, redisVersion, duplicatesDropped, cost } = parsed.data;
  return { mode, lanes, workersRan, redisVersion, duplicatesDropped, ...cost };
}

import { formatCpuPerRequest } from '../../format.js';
import type { Broker } from '../../model/broker.js';
import { type CompletedRun, isSkipped, type Report } from '../../model/schema.js';

/**
 * A broker point's figures in words (the queue strategy, issue 20), for the tables' cells and the report's broker
 * section: workers × in flight and where, Redis's cost per job, the overhead over async. Plain text; each renderer
 * escapes it.
 */

export const NOT_COUNTED = "remote workers' CPU and memory not counted";

/** "2 local × 16", "3 remote × 8/16". */
export function workersText(broker: Broker): string {
  const lanes = [...new Set(broker.lanes)].join('/');
  return `${broker.lanes.length} ${broker.mode} × ${lanes || '?'}`;
}

/** A signed µs figure per job: "+133 µs", "−12.0 µs". */
export function signedUs(us: number): string {
  return `${us < 0 ? '−' : '+'}${formatCpuPerRequest(Math.abs(us))}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** One sentence per broker point: everything `broker` holds, and what it does not count. */
function brokerLine(run: CompletedRun & { broker: Broker }): string {
  const { broker } = run;
  const lanes = [...new Set(broker.lanes)].join('/');
  const where =
    broker.mode === 'local'
      ? `${plural(broker.lanes.length, 'local worker')} × ${lanes} in flight (the point's children: their CPU and memory are in its figures)`
      : `${plural(broker.lanes.length, 'remote worker')} × ${lanes} in flight (fanout worker; ${NOT_COUNTED}); ${broker.workersRan.remote} of them sent results`;
  const cost = `${broker.commandsPerJob.toFixed(1)} Redis commands/job (${broker.scriptsPerJob.toFixed(1)} scripts), ${formatCpuPerRequest(broker.redisCpuUsPerJob)} Redis CPU/job (in no figure of the point), Redis ${broker.redisVersion}`;
  const over = broker.overAsync
    ? `over async at W = ${run.concurrency}: ${signedUs(broker.overAsync.wallUsPerJob)}/job of batch time${broker.overAsync.cpuUsPerJob === null ? '' : `, ${signedUs(broker.overAsync.cpuUsPerJob)}/job of CPU`}`
    : `no async point at W = ${run.concurrency} in this run to measure its overhead against`;
  const duplicates =
    broker.duplicatesDropped > 0
      ? `; ${plural(broker.duplicatesDropped, 'second result')} of a re-run job dropped`
      : '';
  return `${run.strategy} at W = ${run.concurrency}: ${where}; ${cost}; ${over}${duplicates}`;
}

/** The report's broker points, one sentence each, in report order. */
export function brokerLines(report: Report): string[] {
  return report.runs.flatMap((run) =>
    !isSkipped(run) && run.broker ? [brokerLine(run as CompletedRun & { broker: Broker })] : [],
  );
}

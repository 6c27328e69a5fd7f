import type { BrokerCost } from './broker-stats.js';
import type { WorkerInfo } from './protocol.js';

/** What a queue point can say about itself beyond the contract's `configuration` line. */
export interface QueueReport {
  /** 'local': the point's own worker processes (children, billed to the point); 'remote': workers started elsewhere. */
  readonly mode: 'local' | 'remote';
  /** Worker processes that sent at least one result, by where they ran. */
  readonly workersRan: { readonly local: number; readonly remote: number };
  /** Worker processes this point started (replacements of dead ones included). */
  readonly localWorkersStarted: number;
  /** Remote workers registered on the point when it started (host, pid, jobs at once). */
  readonly remoteWorkers: readonly WorkerInfo[];
  /** Jobs in flight per worker (local: as started; remote: as each registered). */
  readonly lanes: readonly number[];
  /** Where Redis is (host and port only) and its version. */
  readonly redis: string;
  readonly redisVersion: string;
  /** How results came back. */
  readonly resultsPath: string;
  /** Results dropped as second results of a slot (a job run again after its worker was presumed dead). */
  readonly duplicatesDropped: number;
  /** The broker's cost per job over every batch run so far (warm-up included), once a batch ran. */
  readonly cost?: BrokerCost;
  /** CPU and memory of remote workers are not in the point's figures. */
  readonly notCounted?: string;
}

export const RESULTS_PATH =
  'one Redis list per batch: a worker pushes each result (RPUSH in a script that drops it unless its batch is current) before BullMQ completes the job; the point reads with BLMPOP and keeps the first result per job';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The point's `configuration` line: workers × in flight, where, and what the broker cost once measured. */
export function describe(report: QueueReport, concurrency: number, stallMs: number, stalledRetries: number): string {
  const lanes = [...new Set(report.lanes)].join('/');
  const workers =
    report.mode === 'local'
      ? `${plural(report.lanes.length, 'local worker')} × ${lanes} in flight`
      : `${plural(report.remoteWorkers.length, 'remote worker')} × ${lanes}, at most ${concurrency} in flight (BullMQ global concurrency); their CPU and memory not counted`;
  const crash =
    stalledRetries === 0
      ? `a dead worker's jobs end as WORKER_CRASHED (lock ${stallMs} ms)`
      : `a dead worker's jobs run again up to ${plural(stalledRetries, 'time')} (lock ${stallMs} ms)`;
  const parts = [workers, `BullMQ on Redis ${report.redisVersion}`, crash];
  const { cost } = report;
  if (cost) {
    parts.push(
      `${cost.commandsPerJob.toFixed(1)} Redis commands/job (${cost.scriptsPerJob.toFixed(1)} scripts), ${cost.redisCpuUsPerJob.toFixed(0)} µs Redis CPU/job`,
    );
  }
  if (report.mode === 'remote' && report.workersRan.remote > 0)
    parts.push(`ran on ${plural(report.workersRan.remote, 'remote worker')}`);
  return parts.join('; ');
}

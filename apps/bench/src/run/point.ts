import { isFanoutError, type Job, type Strategy, type StrategyDefinition } from '@fanout/core';
import { Bench } from 'tinybench';
import type { RunRecord } from '../report/schema.js';
import type { StrategyManifest } from '../strategies/manifest.js';
import type { Target } from '../target/target.js';
import { createBatchCollector } from './collector.js';
import { cpuTimeMs, sampleRss } from './resources.js';

/** `work`'s value, or undefined as soon as `signal` aborts (the work goes on; the caller cleans up after it). */
function unlessAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export interface PointPlan {
  readonly manifest: StrategyManifest;
  readonly definition: StrategyDefinition;
  readonly concurrency: number;
  readonly jobs: readonly Job[];
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxRedirects: number;
  readonly retries: number;
  /** Remote targets: points above this concurrency are not run (politeness cap). */
  readonly maxInFlight: number | undefined;
  readonly iterations: number;
  readonly timeMs: number;
  readonly target: Target;
  readonly signal: AbortSignal;
  /** Called after each timed batch (progress display). */
  readonly onBatch?: (done: number, planned: number) => void;
}

/**
 * One point of the benchmark: one strategy at one concurrency. Start-up and
 * one warm-up batch happen outside the timed region; tinybench then times
 * whole batches (each task iteration downloads every job).
 */
export async function runPoint(plan: PointPlan): Promise<RunRecord> {
  const key = { strategy: plan.manifest.name, concurrency: plan.concurrency, jobs: plan.jobs.length };
  const max = plan.definition.maxConcurrency;
  if (max !== undefined && plan.concurrency > max) {
    return { ...key, skipped: `${plan.manifest.name} runs at most ${max} job(s) at a time` };
  }
  if (plan.maxInFlight !== undefined && plan.concurrency > plan.maxInFlight) {
    return {
      ...key,
      skipped: `W = ${plan.concurrency} exceeds --max-per-host ${plan.maxInFlight} for a remote target`,
    };
  }
  const rssBefore = process.memoryUsage.rss();
  const createdAt = performance.now();
  let strategy: Strategy | undefined;
  const creating = plan.definition.create({
    concurrency: plan.concurrency,
    timeoutMs: plan.timeoutMs,
    maxBodyBytes: plan.maxBodyBytes,
    maxRedirects: plan.maxRedirects,
    retries: plan.retries,
  });
  try {
    // Starting a pool can take many seconds; Ctrl-C must not wait for it.
    strategy = await unlessAborted(creating, plan.signal);
  } catch (error) {
    if (isFanoutError(error)) return { ...key, skipped: error.message };
    throw error;
  }
  if (!strategy) {
    creating.then((late) => late.close()).catch(() => undefined);
    return { ...key, skipped: 'interrupted' };
  }
  const startupMs = performance.now() - createdAt;
  const startupRssBytes = process.memoryUsage.rss() - rssBefore;
  try {
    const collector = createBatchCollector(plan.jobs, plan.manifest.name);
    // Warm-up: connections opened and code compiled, on enough jobs to use every
    // lane twice (not the whole batch: at W = 1 that can be 13 s). Checked, not recorded.
    const warmUp = plan.jobs.slice(0, Math.max(2 * plan.concurrency, 20));
    createBatchCollector(warmUp, plan.manifest.name).add(await strategy.run(warmUp, plan.signal));
    if (plan.signal.aborted) return { ...key, skipped: 'interrupted' };
    await plan.target.resetStats();
    const bench = new Bench({
      iterations: plan.iterations,
      time: plan.timeMs,
      warmup: false,
      throws: true,
      signal: plan.signal,
    });
    let done = 0;
    bench.add(`${plan.manifest.name} W=${plan.concurrency}`, async () => {
      collector.add(await strategy.run(plan.jobs, plan.signal));
      plan.onBatch?.(++done, Math.max(done, plan.iterations));
    });
    const rss = sampleRss();
    const cpuBefore = cpuTimeMs();
    await bench.run();
    const cpuMs = cpuTimeMs() - cpuBefore;
    const peakRssBytes = rss.stop();
    // A point cut short holds aborted batches: not a measurement.
    if (plan.signal.aborted) return { ...key, skipped: 'interrupted' };
    const server = await plan.target.stats();
    const result = bench.tasks[0]?.result;
    if (!result || !('latency' in result))
      return { ...key, skipped: plan.signal.aborted ? 'interrupted' : 'no result' };
    const { batches, worst, totals, latency } = collector.summary();
    const wallMs = result.latency.mean;
    return {
      ...key,
      succeeded: worst.succeeded,
      failed: worst.failed,
      bytes: worst.bytes,
      errors: worst.errors,
      wallMs,
      minMs: result.latency.min,
      maxMs: result.latency.max,
      rme: Number.isFinite(result.latency.rme) ? result.latency.rme : 0,
      samples: result.latency.samplesCount,
      requestsPerSecond: wallMs > 0 ? (plan.jobs.length * 1000) / wallMs : 0,
      latencyMs: { p50: latency.p50, p90: latency.p90, p99: latency.p99, max: latency.max },
      peakRssBytes,
      cpuMsPerBatch: batches > 0 ? cpuMs / batches : 0,
      startupMs,
      startupRssBytes,
      totals,
      ...(server ? { server: { requests: server.requests, maxInFlight: server.maxInFlight } } : {}),
    };
  } finally {
    await strategy.close();
  }
}

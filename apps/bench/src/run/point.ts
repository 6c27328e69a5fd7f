import {
  isFanoutError,
  type Job,
  type JobResult,
  type RunOptions,
  type Strategy,
  type StrategyDefinition,
} from '@fanout/core';
import { Bench } from 'tinybench';
import { descendants, rssBytesOf } from '../harness/descendants.js';
import { otherCpuMeter } from '../harness/machine-cpu.js';
import { cpuMeter, sampleRss } from '../harness/resources.js';
import type { PageCheck, RunRecord } from '../model/schema.js';
import type { StrategyManifest } from '../strategies/manifest.js';
import { timedBatchRecorder } from './batch-recorder.js';
import { brokerFigures } from './broker-figures.js';
import { checkBatch, createBatchCollector, type PageExpectations, pageExpectations } from './collector.js';
import type { PointCounters } from './counters.js';
import { collectGarbage } from './full-gc.js';
import { interruptedRun } from './interrupted.js';
import { letGo } from './let-go.js';
import type { PointPhase } from './messages.js';
import { pointKey } from './point-key.js';
import { warmUp } from './warm-up.js';

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
  /** Hops to hosts that are not loopback allowed (absent: refused as REMOTE_REFUSED), with a per-origin cap. */
  readonly allowRemote?: boolean | undefined;
  readonly maxPerOrigin?: number | undefined;
  /** TLS trust, HTTP/2 and compression for the strategy (target/client-options.ts); absent: plaintext. */
  readonly ca?: string | undefined;
  readonly http2?: true | undefined;
  readonly acceptEncoding?: 'gzip' | 'br' | undefined;
  readonly iterations: number;
  readonly timeMs: number;
  /** The fixture server's counters (no-ops for other targets). */
  readonly target: {
    stats(): Promise<PointCounters | undefined>;
    resetStats(): Promise<void>;
  };
  readonly signal: AbortSignal;
  /** Called after each timed batch (progress display). */
  readonly onBatch?: (done: number, planned: number) => void;
  /** What each URL's successful jobs must return (run/reference.ts); absent: values and counts only. */
  readonly pages?: readonly PageCheck[] | undefined;
  /** The target server's process, whose CPU is not other work on the machine. */
  readonly serverPid?: number | undefined;
  /** Called as the point enters each phase after creating its strategy (the orchestrator's progress rule). */
  readonly onPhase?: (phase: PointPhase, reportsProgress: boolean) => void;
  /** Passed to the strategy's runs as RunOptions.onProgress: jobs finished, as the strategy reports them. */
  readonly onProgress?: (finished: number) => void;
}

/**
 * The strategy as the warm-up sees it: its runs report progress and every result is checked against the pages, so
 * a wrong strategy fails before any timed batch.
 */
function checkedWarmUp(strategy: Strategy, name: string, pages: PageExpectations, options?: RunOptions): Strategy {
  return {
    async run(jobs, signal) {
      const results = await strategy.run(jobs, signal, options);
      if (!signal?.aborted) checkBatch(jobs, results, name, pages);
      return results;
    },
    close: () => strategy.close(),
  };
}

/**
 * One point of the benchmark: one strategy at one concurrency, run inside the
 * point's own child process (see point-child.ts). Start-up and the warm-up
 * happen outside the timed region; tinybench then times whole batches
 * (each task iteration downloads every job). Aborted by `signal`, it returns
 * the interrupted point with what its timed batches completed.
 */
export async function runPoint(plan: PointPlan): Promise<RunRecord> {
  const key = pointKey(plan.manifest.name, plan.concurrency, plan.jobs.length);
  const pages = pageExpectations(plan.pages);
  const collector = createBatchCollector(plan.jobs, plan.manifest.name, pages);
  const runOptions: RunOptions | undefined = plan.onProgress ? { onProgress: plan.onProgress } : undefined;
  const interrupted = () => interruptedRun(key, collector.summary(), plan.iterations);
  const rssBefore = process.memoryUsage.rss();
  const createdAt = performance.now();
  let strategy: Strategy | undefined;
  const creating = plan.definition.create({
    concurrency: plan.concurrency,
    timeoutMs: plan.timeoutMs,
    maxBodyBytes: plan.maxBodyBytes,
    maxRedirects: plan.maxRedirects,
    retries: plan.retries,
    ...(plan.allowRemote ? { allowRemote: true, maxPerOrigin: plan.maxPerOrigin } : {}),
    ...protocolOptions(plan),
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
    return interrupted();
  }
  const startupMs = performance.now() - createdAt;
  // A process pool's children are part of what starting it cost.
  const startupRssBytes = process.memoryUsage.rss() - rssBefore + rssBytesOf(descendants().keys(), 'VmRSS');
  const reportsProgress = strategy.reportsProgress === true;
  // What watches the timed batches (a timer sampling RSS every 10 ms, an observer of collections) starts before the
  // warm-up, so that none of its code runs for the first time in the first timed batch: started with it, the first
  // batch took a median 3.5% (up to 11%) more CPU than the point's others (V8 deoptimised and recompiled Node's timer
  // code that undici uses per request; docs/performance.md, "Same point, same cost", phase 5).
  const rss = sampleRss();
  const timed = timedBatchRecorder();
  try {
    plan.onPhase?.('warm-up', reportsProgress);
    // Connections opened, code compiled, heap grown: this process is new (see warm-up.ts).
    // The start-up garbage goes first, so no full collection falls in the cold warm-up (see full-gc.ts).
    collectGarbage();
    const warming = checkedWarmUp(strategy, plan.manifest.name, pages, runOptions);
    await warmUp(warming, plan.jobs, plan.concurrency, plan.manifest.name, plan.signal);
    if (plan.signal.aborted) return interrupted();
    plan.onPhase?.('timed', reportsProgress);
    await plan.target.resetStats();
    const bench = new Bench({
      iterations: plan.iterations,
      time: plan.timeMs,
      warmup: false,
      throws: true,
      signal: plan.signal,
    });
    let done = 0;
    let last: readonly JobResult[] = [];
    const cpu = cpuMeter();
    const other = otherCpuMeter(plan.serverPid);
    // Only `strategy.run` is timed, and only it is billed CPU: checking and counting the results happens after the
    // clock stops, and the harness lets go of them at once (let-go.ts). (A full collection before each batch was tried
    // and made batches slower: see docs/performance.md.)
    bench.add(
      `${plan.manifest.name} W=${plan.concurrency}`,
      async () => {
        last = await strategy.run(plan.jobs, plan.signal, runOptions);
      },
      {
        beforeEach: () => {
          other.start();
          cpu.start();
          timed.start();
        },
        afterEach: () => {
          timed.stop();
          const ownBefore = cpu.totalMs;
          cpu.stop();
          const batchCpuMs = cpu.totalMs - ownBefore;
          other.stop(batchCpuMs);
          const results = last;
          last = [];
          // A batch cut short by Ctrl-C keeps its finished jobs, but is not a timed batch.
          if (plan.signal.aborted) {
            collector.addInterrupted(results);
            return letGo(results);
          }
          timed.keep(batchCpuMs);
          collector.add(results);
          letGo(results);
          plan.onBatch?.(++done, Math.max(done, plan.iterations));
        },
      },
    );
    rss.restart();
    await bench.run();
    const timedBatches = await timed.finish();
    plan.onPhase?.('closing', reportsProgress);
    // The point's own process (its threads included) plus the processes it started.
    const childrenAfter = descendants();
    const cpuMs = cpu.totalMs;
    const peakRssBytes = rss.stop() + rssBytesOf(childrenAfter.keys(), 'VmHWM');
    // A point cut short holds an aborted batch: not a measurement, but what it completed is kept.
    if (plan.signal.aborted) return interrupted();
    const server = await plan.target.stats();
    const result = bench.tasks[0]?.result;
    if (!result || !('latency' in result)) return { ...key, skipped: 'no result' };
    const { batches, worst, totals, latency } = collector.summary();
    const broker = brokerFigures(strategy);
    const meanBatchMs = result.latency.mean;
    return {
      ...key,
      worstBatch: worst,
      meanBatchMs,
      minMs: result.latency.min,
      maxMs: result.latency.max,
      medianBatchMs: result.latency.p50,
      // Under two batches the spread is unknown, not zero: null, shown as n/a.
      rme: result.latency.samplesCount >= 2 && Number.isFinite(result.latency.rme) ? result.latency.rme : null,
      samples: result.latency.samplesCount,
      requestsPerSecond: meanBatchMs > 0 ? (plan.jobs.length * 1000) / meanBatchMs : 0,
      latencyMs: { p50: latency.p50, p90: latency.p90, p99: latency.p99, max: latency.max },
      peakRssBytes,
      cpuMsPerBatch: batches > 0 ? cpuMs / batches : 0,
      timedBatches,
      ...(other.totalMs !== undefined && batches > 0 ? { otherCpuMsPerBatch: other.totalMs / batches } : {}),
      startupMs,
      startupRssBytes,
      ...(childrenAfter.size > 0 ? { childProcesses: childrenAfter.size } : {}),
      totals,
      ...(strategy.configuration ? { configuration: strategy.configuration } : {}),
      ...(server ? { server } : {}),
      ...(broker ? { broker } : {}),
    };
  } finally {
    rss.stop();
    timed.close();
    await strategy.close();
  }
}

/** The protocol options as the strategy takes them (core's StrategyOptions), only those set. */
function protocolOptions(plan: PointPlan) {
  return {
    ...(plan.ca === undefined ? {} : { ca: plan.ca }),
    ...(plan.http2 ? { http2: true } : {}),
    ...(plan.acceptEncoding === undefined ? {} : { acceptEncoding: plan.acceptEncoding }),
  };
}

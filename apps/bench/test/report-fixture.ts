import { annotatePeers, annotateRuns } from '../src/model/figures.js';
import {
  type Calibration,
  type CompletedRun,
  type PeerRun,
  type Report,
  reportSchema,
  type SkippedRun,
} from '../src/model/schema.js';

/** Shared by the report-* and compare-* tests: small reports that are valid per reportSchema. */

/** A calibration whose best round is `bestRps` (the capacity estimate's rate); its median and worst are lower. */
export function calibrated(bestRps: number): Calibration {
  return {
    capacityRps: { median: bestRps * 0.9, min: bestRps * 0.8, max: bestRps },
    connections: 64,
    rounds: 3,
    minLatencyMs: {},
    durationMs: 1500,
  };
}

export function completed(strategy: string, concurrency: number, meanBatchMs: number, rme = 2): CompletedRun {
  const jobs = 100;
  return {
    strategy,
    concurrency,
    jobs,
    worstBatch: { succeeded: jobs, failed: 0, bytes: jobs * 1000, errors: {} },
    meanBatchMs,
    minMs: meanBatchMs * 0.9,
    maxMs: meanBatchMs * 1.1,
    rme,
    samples: 5,
    requestsPerSecond: (jobs / meanBatchMs) * 1000,
    latencyMs: { p50: 5.2, p90: 6, p99: 7.5, max: 9 },
    peakRssBytes: 100 * 2 ** 20,
    cpuMsPerBatch: 12.5,
    startupMs: 1.5,
    startupRssBytes: 1024,
    totals: { batches: 5, succeeded: jobs * 5, failed: 0, attempts: jobs * 5, errors: {} },
  };
}

export function skipped(strategy: string, concurrency: number, reason: string): SkippedRun {
  return { strategy, concurrency, jobs: 100, skipped: reason };
}

/** A report around `runs`; parsed by reportSchema so a fixture that drifts from the schema fails loudly. */
export function makeReport(runs: Report['runs'], overrides: Partial<Omit<Report, 'runs'>> = {}): Report {
  const report: Report = {
    schemaVersion: 3,
    tool: 'fanout',
    environment: {
      node: 'v20.20.0',
      platform: 'linux',
      arch: 'x64',
      osRelease: '6.1.0',
      cpus: 2,
      cpuModel: 'Test CPU @ 3.0GHz',
      totalMemoryBytes: 24 * 2 ** 30,
      hostname: 'test-host',
      startedAt: '2025-01-02T03:04:05.000Z',
    },
    settings: {
      profile: 'quick',
      strategies: [...new Set(runs.map((run) => run.strategy))],
      concurrency: [...new Set(runs.map((run) => run.concurrency))],
      jobs: 100,
      latencyMs: 5,
      sizeBytes: 16384,
      pages: [{ path: '/page', sizeBytes: 16384, latencyMs: 5 }],
      batches: { min: 5, max: 50, budgetMs: 10000 },
      timeMs: 0,
      timeoutMs: 30000,
      maxBodyBytes: 64 * 2 ** 20,
      maxRedirects: 5,
      retries: 0,
    },
    target: 'embedded fixture server http://127.0.0.1:1234',
    interrupted: false,
    finishedAt: '2025-01-02T03:05:05.000Z',
    ...overrides,
    runs,
  };
  return reportSchema.parse(report);
}

/** The README's sweep, scaled to 100 jobs: async wins, sequential only runs at W = 1, threads degrade at W = 50. */
export function sweepReport(): Report {
  // The figures are stored by the run, so the fixture stores them the same way (100 jobs of 5 ms, no calibration).
  const annotate = (runs: Report['runs']) =>
    annotateRuns(runs, { jobLatenciesMs: Array<number>(100).fill(5), calibration: undefined });
  return makeReport(
    annotate([
      completed('async', 1, 640, 3.3),
      completed('async', 10, 87, 9.4),
      completed('async', 50, 34, 23.2),
      completed('sequential', 1, 600, 1),
      skipped('sequential', 10, 'sequential runs at most 1 job(s) at a time'),
      skipped('sequential', 50, 'sequential runs at most 1 job(s) at a time'),
      completed('thread-pool', 1, 675, 2.1),
      completed('thread-pool', 10, 100, 12.9),
      completed('thread-pool', 50, 150, 52.9),
    ]),
  );
}

/** A measured peer of 100 jobs with one entry per round (mean batch ms; CPU ms per batch where given). */
export function peerRun(name: string, concurrency: number, means: readonly number[], cpu?: readonly number[]): PeerRun {
  const kept = [...means].sort((a, b) => a - b)[Math.floor((means.length - 1) / 2)] ?? 1;
  const keptIndex = means.indexOf(kept);
  return {
    strategy: name,
    concurrency,
    jobs: 100,
    peer: true,
    measures: `${name} with its flags`,
    meanBatchMs: kept,
    medianBatchMs: kept,
    minMs: kept * 0.9,
    maxMs: kept * 1.1,
    rme: 1.5,
    samples: 5,
    requestsPerSecond: (100 / kept) * 1000,
    ...(cpu ? { cpuMsPerBatch: cpu[keptIndex] as number } : {}),
    latencyMs: { p50: 1, p90: 2, p99: 3, max: 4 },
    rounds: means.map((ms, i) => ({
      meanBatchMs: ms,
      medianBatchMs: ms,
      ...(cpu ? { cpuMsPerBatch: cpu[i] as number } : {}),
    })),
  };
}

/**
 * Everything a report can hold, stored the way `fanout run --repeat 3 --peers …` stores it: a point below the latency
 * floor (a broken bound) and above the capacity estimate, a skipped and an interrupted point, a configuration, peers
 * with rounds and CPU, one peer skipped.
 */
export function fullReport(): Report {
  const calibration = calibrated(10_000);
  const inputs = { jobLatenciesMs: Array<number>(100).fill(5), calibration };
  const withRounds = (run: CompletedRun, means: readonly number[]): CompletedRun => ({
    ...run,
    medianBatchMs: run.meanBatchMs,
    rounds: means.map((ms) => ({ meanBatchMs: ms, medianBatchMs: ms, cpuMsPerBatch: run.cpuMsPerBatch })),
  });
  const interrupted = {
    ...skipped('thread-pool', 10, 'interrupted after 250 of 500 timed jobs'),
    interrupted: true as const,
    completedJobs: 250,
    completedBatches: 2,
    succeeded: 248,
    failed: 2,
    errors: { TIMEOUT: 2 },
    latencyMs: { p50: 5.1, p90: 6, p99: 9, max: 12 },
  };
  const runs = annotateRuns(
    [
      completed('async', 1, 640),
      completed('async', 10, 87),
      // 8 ms for 100 jobs of 5 ms at W = 50 is below the 10 ms floor, and 25% above the 10 ms capacity estimate.
      withRounds(completed('async', 50, 8), [8, 9.5, 7.5]),
      completed('sequential', 1, 600),
      skipped('sequential', 10, 'sequential runs at most 1 job(s) at a time'),
      { ...completed('thread-pool', 1, 675), configuration: '1 thread × 1 in flight, one job per message' },
      interrupted,
      withRounds(completed('thread-pool', 50, 150), [150, 160, 140]),
    ],
    inputs,
  );
  const peers = annotatePeers(
    [
      peerRun('undici-pool', 50, [8.5, 9, 8], [1.6, 1.7, 1.5]),
      peerRun('autocannon', 50, [9, 10, 8.2]),
      {
        strategy: 'wrk',
        concurrency: 50,
        jobs: 100,
        peer: true,
        skipped: 'wrk is not installed (apt-get install wrk)',
      },
    ],
    inputs,
  );
  const { settings } = makeReport(runs);
  return makeReport(runs, {
    calibration,
    settings: { ...settings, repeat: 3, peers: ['undici-pool', 'autocannon', 'wrk'] },
    peers,
  });
}

/**
 * A `pnpm bench` (quick profile) report as wide as real ones get: every built-in strategy, the longest names, knees,
 * rme up to three digits, a calibration (both efficiency columns) and the sequential baseline (× seq).
 */
export function quickReport(): Report {
  const names = [
    'async',
    'fetch',
    'process-pool',
    'sequential',
    'thread-pool',
    'thread-pool-chunked',
    'thread-pool-hybrid',
  ];
  const runs = names.flatMap((name) =>
    [1, 10, 50].map((w) =>
      name === 'sequential' && w > 1
        ? skipped(name, w, 'sequential runs at most 1 job(s) at a time')
        : {
            ...completed(name, w, 1110 / w ** 0.9, w === 50 ? 111 : 2.1),
            jobs: 200,
            worstBatch: { succeeded: 200, failed: 0, bytes: 200 * 16_384, errors: {} },
            peakRssBytes: Math.round(1.38 * 2 ** 30),
            startupMs: 4600,
          },
    ),
  );
  const calibration = calibrated(26_500);
  const annotated = annotateRuns(runs, { jobLatenciesMs: Array<number>(200).fill(5), calibration });
  return makeReport(annotated, { calibration, settings: { ...makeReport(annotated).settings, jobs: 200 } });
}

import { join } from 'node:path';
import { type RunConfig, type RunFlagValues, resolveRunConfig } from '../config.js';
import { onInterrupt } from '../interrupt.js';
import { annotateRuns } from '../model/figures.js';
import { flagMeasurements } from '../model/measurement.js';
import { medianRounds } from '../model/repeat.js';
import {
  type Calibration,
  isSkipped,
  type PageCheck,
  type PeerRecord,
  REPORT_SCHEMA_VERSION,
  type Report,
  type RunRecord,
  reportSchema,
} from '../model/schema.js';
import { prepareOutputDir, prepareOutputFile } from '../output/probe.js';
import { describePublished, publishReport } from '../output/publish.js';
import { runPeers } from '../peers/run-peers.js';
import { meanLatencyMs, meanSizeBytes } from '../profiles.js';
import { liveProgress, plainProgress } from '../progress.js';
import { REPORT_RENDERINGS } from '../report/outputs.js';
import { renderTable } from '../report/table.js';
import { describeEnvironment } from '../run/environment.js';
import { describeUnchecked, referencePages } from '../run/reference.js';
import { runSuite } from '../run/suite.js';
import { discoverStrategies, mergeStrategies, selectStrategies } from '../strategies/discover.js';
import { type LoadedStrategy, loadExternalStrategy } from '../strategies/external.js';
import { loadStrategy } from '../strategies/load.js';
import { calibrateTarget, DEFAULT_CALIBRATION } from '../target/calibration.js';
import { externalTarget } from '../target/external.js';
import { startServerProcess } from '../target/server-process.js';
import type { Target } from '../target/target.js';
import { hasRemoteHost, isLoopback, reachOf } from '../target/urls.js';
import { EXIT } from '../usage-error.js';

/** The flags as commander parsed them from RUN_FLAGS (flags/run-flags.ts). */
export type RunFlags = RunFlagValues;

/** `fanout run`: validate everything, then measure, then report. Returns the exit code. */
export async function runCommand(flags: RunFlags): Promise<number> {
  const config = resolveRunConfig(flags);
  const external: LoadedStrategy[] = [];
  for (const spec of flags.strategyModule ?? []) external.push(...(await loadExternalStrategy(spec)));
  const known = mergeStrategies(
    discoverStrategies(),
    external.map((loaded) => loaded.manifest),
  );
  const selected = selectStrategies(known, config.strategies);
  const startedAt = new Date();
  const outDir = config.outDir ?? join('results', startedAt.toISOString().replace(/[:.]/g, '-'));
  // Proven by doing, before any point runs: a run must never be lost to its output folder.
  prepareOutputDir(outDir, '--out');
  if (config.json) prepareOutputFile(config.json, '--json');
  const loaded: LoadedStrategy[] = [];
  for (const manifest of selected) {
    const outside = external.find((loaded) => loaded.manifest === manifest);
    loaded.push(outside ?? { manifest, definition: await loadStrategy(manifest) });
  }

  if (config.urls && config.allowRemote) warnRemoteLoad(config, loaded.length);
  const controller = new AbortController();
  const interrupt = onInterrupt(controller);
  let target: Target;
  try {
    target = config.urls ? externalTarget(config.urls) : await startServerProcess(config.pages, config.faults);
  } catch (error) {
    interrupt.dispose();
    throw error;
  }
  const progress = process.stderr.isTTY ? liveProgress() : plainProgress();
  let runs: RunRecord[];
  let peers: PeerRecord[] = [];
  let calibration: Calibration | undefined;
  let pages: PageCheck[] = [];
  try {
    // A cpu job never touches the target: there is nothing to calibrate and no network bound.
    const network = config.workload.workload !== 'cpu';
    calibration =
      controller.signal.aborted || !network ? undefined : await calibrate(config, target, controller.signal);
    // What every job's result is checked against, found by the harness on its own before any point runs.
    pages = controller.signal.aborted ? [] : await referencePages(referenceInput(config, target), controller.signal);
    for (const line of describeUnchecked(pages)) process.stderr.write(`${line}\n`);
    // Interleaved rounds (--repeat): all points and peers of round 1, then of round 2, …; each keeps its median.
    // Even rounds run the peers first, so neither side always follows the same neighbour (a long Python peer).
    const pointRounds: RunRecord[][] = [];
    const peerRounds: PeerRecord[][] = [];
    const points = async () =>
      pointRounds.push(await runSuite(loaded, config, target, controller.signal, progress, pages));
    const peersOf = async () => {
      if (config.peers.length > 0) peerRounds.push(await runPeersOn(config, target, controller.signal));
    };
    for (let round = 0; round < config.repeat && !controller.signal.aborted; round++) {
      if (config.repeat > 1) process.stderr.write(`round ${round + 1} of ${config.repeat}\n`);
      const order = round % 2 === 0 ? [points, peersOf] : [peersOf, points];
      for (const part of order) if (!controller.signal.aborted) await part();
    }
    runs = medianRounds(pointRounds);
    peers = medianRounds(peerRounds);
  } finally {
    progress.done();
    await target.close();
    interrupt.dispose();
  }

  const annotated = flagMeasurements(
    annotateRuns(runs, { jobLatenciesMs: jobLatencies(config, target, calibration), calibration }),
    config.workload.workload,
    config.urls === undefined,
  );
  const report = buildReport(
    config,
    loaded,
    target,
    startedAt,
    annotated,
    peers,
    controller.signal.aborted,
    calibration,
    pages,
  );
  // The table first: whatever happens to the files, the run has been shown.
  process.stdout.write(`${renderTable(report.runs, report.peers)}\n`);
  const published = await publishReport(report, outDir, config.json, REPORT_RENDERINGS);
  describePublished(published);
  if (report.interrupted) {
    // The report is written; a pool still starting or closing must not hold the exit for long.
    const code = published.failures.length > 0 ? EXIT.reportIncomplete : EXIT.interrupted;
    setTimeout(() => process.exit(code), 2000).unref();
    return code;
  }
  if (published.failures.length > 0) return EXIT.reportIncomplete;
  const failed = runs.some((run) => !isSkipped(run) && run.totals.failed > 0);
  return flags.failOnError && failed ? EXIT.jobsFailed : EXIT.ok;
}

function buildReport(
  config: RunConfig,
  loaded: readonly LoadedStrategy[],
  target: Target,
  startedAt: Date,
  runs: RunRecord[],
  peers: readonly PeerRecord[],
  interrupted: boolean,
  calibration: Calibration | undefined,
  pages: readonly PageCheck[],
): Report {
  return reportSchema.parse({
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: 'fanout',
    environment: describeEnvironment(startedAt),
    settings: {
      profile: config.profile,
      strategies: loaded.map((strategy) => strategy.manifest.name),
      concurrency: [...config.concurrency],
      jobs: config.jobs,
      latencyMs: latencyOf(config),
      sizeBytes: meanSizeBytes(config.pages),
      pages: config.urls ? [] : [...config.pages],
      batches: config.batches,
      timeMs: config.timeMs,
      timeoutMs: config.timeoutMs,
      maxBodyBytes: config.maxBodyBytes,
      maxRedirects: config.maxRedirects,
      retries: config.retries,
      ...(config.faults ? { faults: config.faults } : {}),
      workload: config.workload.workload,
      ...(config.workload.workload === 'cpu' ? { cpuBase: config.workload.cpuBase } : {}),
      ...(config.workload.workload === 'mixed' ? { hashRounds: config.workload.hashRounds } : {}),
      ...(config.peers.length > 0 ? { peers: [...config.peers] } : {}),
      ...(config.repeat > 1 ? { repeat: config.repeat } : {}),
      strategyVersions: Object.fromEntries(loaded.map(({ manifest }) => [manifest.name, manifest.version])),
      ...(pages.length > 0 ? { pageChecks: [...pages] } : {}),
    },
    target: target.description,
    ...(calibration ? { calibration } : {}),
    interrupted,
    finishedAt: new Date().toISOString(),
    runs,
    ...(config.peers.length > 0 ? { peers } : {}),
  });
}

/** How the harness fetches its own copy of each page: the run's limits, a remote host's politeness cap. */
function referenceInput(config: RunConfig, target: Target) {
  return {
    urls: [...new Set(target.jobs(config.jobs).map((job) => job.url))],
    workload: config.workload,
    embedded: config.urls === undefined,
    faultMix: config.faultMix,
    concurrency: hasRemoteHost(config.urls) ? config.maxPerHost : 8,
    timeoutMs: config.timeoutMs,
    maxBodyBytes: config.maxBodyBytes,
    maxRedirects: config.maxRedirects,
    allowRemote: config.allowRemote,
  };
}

/** The peers against the same target, jobs and concurrency list as the points; progress on stderr. */
function runPeersOn(config: RunConfig, target: Target, signal: AbortSignal): Promise<PeerRecord[]> {
  const jobs = target.jobs(config.jobs);
  // Distinct URLs in job order: every peer cycles through them as the jobs do.
  const urls = [...new Set(jobs.flatMap((job) => ('url' in job ? [job.url] : [])))];
  return runPeers({
    peers: config.peers,
    urls,
    jobs: jobs.length,
    concurrency: config.concurrency,
    batches: config.batches.min,
    timeoutMs: config.timeoutMs,
    // Peers cannot keep a cap per origin: with --allow-remote (any hop may be remote) they stay within it in all.
    maxInFlight: reachOf(config).maxPerOrigin,
    signal,
    onPeer: (record) =>
      process.stderr.write(
        `peer ${record.strategy} W=${record.concurrency}: ${'skipped' in record ? `skipped: ${record.skipped}` : `${Math.round(record.requestsPerSecond)} req/s`}\n`,
      ),
  });
}

/**
 * The target, calibrated before any point and in a process of its own. Remote hosts get the run's own politeness:
 * at most --max-per-host connections and a bounded number of requests.
 */
async function calibrate(config: RunConfig, target: Target, signal: AbortSignal): Promise<Calibration | undefined> {
  const remote = hasRemoteHost(config.urls);
  const calibration = await calibrateTarget(
    target.calibrationUrls(config.jobs),
    {
      ...DEFAULT_CALIBRATION,
      // A batch never has more than `jobs` requests in flight, so neither does the sweep.
      maxConnections: Math.min(DEFAULT_CALIBRATION.maxConnections, config.jobs),
      ...(remote
        ? { maxConnections: Math.min(config.maxPerHost, config.jobs), maxRequests: Math.max(100, config.jobs) }
        : {}),
    },
    signal,
  );
  process.stderr.write(
    calibration
      ? `calibration: ${Math.round(calibration.capacityRps.median)} req/s at ${calibration.connections} connections (${Math.round(calibration.capacityRps.min)}–${Math.round(calibration.capacityRps.max)} over ${calibration.rounds} rounds) in ${Math.round(calibration.durationMs)} ms\n`
      : 'calibration: the target could not be calibrated, so there is no capacity floor\n',
  );
  return calibration;
}

/**
 * Each job's latency, in job order: the embedded server's page latencies (it sleeps exactly that long), or for --url
 * the fastest response the calibration saw per URL. Null when unknown: then there is no latency floor.
 */
function jobLatencies(config: RunConfig, target: Target, calibration: Calibration | undefined): number[] | null {
  if (config.workload.workload === 'cpu') return null;
  if (!config.urls)
    return Array.from({ length: config.jobs }, (_, i) => config.pages[i % config.pages.length]?.latencyMs ?? 0);
  const measured = calibration?.minLatencyMs;
  if (!measured) return null;
  const latencies = target.jobs(config.jobs).map((job) => measured[job.url]);
  return latencies.every((ms) => ms !== undefined) ? (latencies as number[]) : null;
}

/** Added latency per request we know of: the embedded server's pages; unknown (0) for external URLs. */
function latencyOf(config: RunConfig): number {
  return config.urls ? 0 : meanLatencyMs(config.pages);
}

/** Names the load about to be sent to hosts that are not this machine's. */
function warnRemoteLoad(config: RunConfig, strategies: number): void {
  const remote = [...new Set((config.urls ?? []).map((url) => new URL(url).host))].filter(
    (host) => !isLoopback(new URL(`http://${host}`).hostname),
  );
  if (remote.length === 0) return;
  const { maxConcurrency = Number.POSITIVE_INFINITY } = reachOf(config);
  const points = strategies * config.concurrency.filter((w) => w <= maxConcurrency).length;
  const requests = points * config.jobs * (config.batches.min + 1);
  process.stderr.write(
    `warning: about to send at least ${requests} requests to ${remote.join(', ')} (${points} points × ${config.jobs} jobs × ${config.batches.min + 1} batches), at most ${config.maxPerHost} at once per host\n`,
  );
}

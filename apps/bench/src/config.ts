import type { WorkloadSettings } from '@fanout/core';
import type { FaultMix } from '@fanout/fixture-server';
import { ENV } from '@fanout/queue/settings';
import { type FlagValues, flagProblem, parseFlags, parseFlagText, type RawFlags, settleFlags } from './flags/flag.js';
import { redisReachProblem, redisUrlFlag } from './flags/queue-flags.js';
import { RUN_FLAGS } from './flags/run-flags.js';
import type { PeerName } from './peers/peer.js';
import { type BatchPlan, type Page, PROFILES, type Profile, type ProfileName } from './profiles.js';
import { type NetworkSettings, type ProtocolSettings, resolveProtocol } from './target/protocol.js';
import { readUrlFile, urlProblem } from './target/urls.js';
import { UsageError } from './usage-error.js';

/** A run's settings after validation: inside the app these are trusted. */
export interface RunConfig {
  readonly profile: ProfileName;
  /** Undefined: every discovered strategy. */
  readonly strategies: readonly string[] | undefined;
  /** Left out when --strategies is not given (the profile's excludedStrategies: quick leaves out the queue). */
  readonly excludedStrategies: readonly string[];
  /** Strategies kept outside the workspace (--strategy-module): paths or package names. */
  readonly strategyModules: readonly string[];
  /** What one job does, and the settings of the cpu and mixed workloads. */
  readonly workload: WorkloadSettings;
  /** Trusted peers run on the same target after the points; empty: none. */
  readonly peers: readonly PeerName[];
  readonly concurrency: readonly number[];
  readonly jobs: number;
  /** Pages on the embedded server that jobs cycle through. */
  readonly pages: readonly Page[];
  /** Timed batches per point. */
  readonly batches: BatchPlan;
  /** Rounds of the whole run (points and peers), interleaved; each point and peer keeps its median round. */
  readonly repeat: number;
  /** Undefined: the embedded fixture server. */
  readonly urls: readonly string[] | undefined;
  readonly timeMs: number;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxRedirects: number;
  readonly retries: number;
  /** Fault mix for the embedded server, parsed once from --faults. */
  readonly faultMix: FaultMix | undefined;
  /** The same mix as text (e.g. "hang:0.05,reset-mid-body:0.1"), for the report and a server child's argv. */
  readonly faults: string | undefined;
  /** TLS, HTTP/2, compression and --ca: what the clients speak (target/protocol.ts). */
  readonly protocol: ProtocolSettings;
  /** --rtt / --bandwidth: the relay between the clients and the target; undefined: none. */
  readonly network: NetworkSettings | undefined;
  /** Remote (non-loopback) URLs were explicitly allowed. */
  readonly allowRemote: boolean;
  /** With remote URLs: the most requests in flight at once (default 6). */
  readonly maxPerHost: number;
  readonly json: string | undefined;
  readonly outDir: string | undefined;
  /** Exit 1 when any job failed. */
  readonly failOnError: boolean;
  /** Calibrate the target before the points (--calibration, on unless off): the capacity estimate, --url's floor. */
  readonly calibrate: boolean;
  /** The queue strategy's broker: a Redis given with --redis (else one started for the run), and its workers. */
  readonly queue: QueueRunSettings;
}

/** --redis and --local-workers. */
export interface QueueRunSettings {
  /** An existing Redis, credentials included (never printed); undefined: an embedded redis-server for the run. */
  readonly redisUrl: string | undefined;
  /** Worker processes each queue point starts; 'auto': one per core, at most W; 0: workers started elsewhere only. */
  readonly localWorkers: number | 'auto';
}

/** `fanout run` flags as parsed by commander (typed, only those given); derived from RUN_FLAGS. */
export type RunFlagValues = FlagValues<typeof RUN_FLAGS>;
/** `fanout run` flags as text, for callers outside commander. */
export type RawRunFlags = RawFlags<typeof RUN_FLAGS>;

/** Validates flags given as text with the table's schemas, then resolves them (tests, library callers). */
export function parseRunFlags(flags: RawRunFlags): RunConfig {
  return resolveRunConfig(parseFlags(RUN_FLAGS, flags));
}

/** Merges the profile with the flags given and checks what spans flags; throws UsageError naming the bad value. */
export function resolveRunConfig(given: RunFlagValues): RunConfig {
  const profile: Profile = PROFILES[given.profile ?? 'quick'];
  const flags = settleFlags(RUN_FLAGS, given, profile);
  for (const url of flags.url ?? []) {
    const problem = urlProblem(url, flags.allowRemote);
    if (problem) throw flagProblem('--url', problem, url);
  }
  const fromFile = flags.urlFile === undefined ? [] : readUrlFile(flags.urlFile, flags.allowRemote);
  const urls = [...(flags.url ?? []), ...fromFile];
  const queue = queueSettings(flags.redis, flags.localWorkers, flags.allowRemote);
  if (flags.faults !== undefined && urls.length > 0) {
    throw new UsageError('--faults applies to the embedded fixture server only, not to --url or --url-file targets');
  }
  const { protocol, network } = resolveProtocol(flags, urls.length > 0 ? urls : undefined);
  return {
    profile: flags.profile,
    strategies: flags.strategies ?? (profile.strategies ? [...profile.strategies] : undefined),
    excludedStrategies: flags.strategies ? [] : [...(profile.excludedStrategies ?? [])],
    strategyModules: flags.strategyModule ?? [],
    peers: [...new Set(flags.peers)],
    workload: { workload: flags.workload, cpuBase: flags.cpuBase, hashRounds: flags.hashRounds },
    concurrency: [...new Set(flags.concurrency)],
    jobs: flags.jobs,
    // --latency or --size replace the profile's pages with one page.
    pages:
      given.latency === undefined && given.size === undefined
        ? profile.pages
        : [{ path: '/page', latencyMs: flags.latency, sizeBytes: flags.size }],
    batches: batchPlan(given, profile.batches),
    repeat: flags.repeat,
    urls: urls.length > 0 ? urls : undefined,
    allowRemote: flags.allowRemote,
    protocol,
    network,
    faultMix: flags.faults,
    faults: flags.faults && formatFaultMix(flags.faults),
    maxPerHost: flags.maxPerHost,
    timeMs: flags.time,
    timeoutMs: flags.timeout,
    maxBodyBytes: flags.maxBody,
    maxRedirects: flags.maxRedirects,
    retries: flags.retries,
    json: flags.json,
    outDir: flags.out,
    failOnError: flags.failOnError,
    calibrate: flags.calibration === 'on',
    queue,
  };
}

/**
 * --redis, else FANOUT_REDIS_URL (which keeps a password out of the process list), checked alike: its form, and a
 * host off this machine only with --allow-remote. Workers started elsewhere need a Redis they can reach, so
 * --local-workers 0 needs one given.
 */
function queueSettings(
  flag: string | undefined,
  localWorkers: number | undefined,
  allowRemote: boolean,
  env: NodeJS.ProcessEnv = process.env,
): QueueRunSettings {
  const fromEnv = env[ENV.redisUrl];
  const redisUrl = flag ?? (fromEnv ? (parseFlagText(ENV.redisUrl, redisUrlFlag, fromEnv) as string) : undefined);
  const problem =
    redisUrl === undefined
      ? undefined
      : redisReachProblem(redisUrl, allowRemote, flag === undefined ? ENV.redisUrl : '--redis');
  if (problem) throw new UsageError(problem);
  if (localWorkers === 0 && redisUrl === undefined) {
    throw new UsageError(
      '--local-workers 0 needs --redis URL: the workers (fanout worker --redis URL) must reach the same Redis as the run',
    );
  }
  return { redisUrl, localWorkers: localWorkers ?? 'auto' };
}

/** --iterations fixes the batches per point; --time alone lets tinybench's time budget decide (at least one). */
function batchPlan(given: RunFlagValues, profile: BatchPlan): BatchPlan {
  if (given.iterations !== undefined) return { min: given.iterations, max: given.iterations, budgetMs: 0 };
  if (given.time !== undefined) return { min: 1, max: 1, budgetMs: 0 };
  return profile;
}

/** The mix's canonical text; parseFaultMix reads it back to the same mix (plain decimals: it takes no exponent). */
export function formatFaultMix(mix: FaultMix): string {
  const decimal = (ratio: number | undefined) =>
    (ratio ?? 0).toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
  return Object.entries(mix)
    .map(([name, ratio]) => `${name}:${decimal(ratio)}`)
    .join(',');
}

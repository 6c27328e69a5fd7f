import {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_MS,
  MAX_CONCURRENCY,
  show,
} from '@fanout/core';
import { LIMITS } from '@fanout/fixture-server';
import { z } from 'zod';
import { integerFlag as integer } from './cli-numbers.js';
import { parseFaultsFlag } from './faults-flag.js';
import { PEER_NAMES, type PeerName } from './peers/peer.js';
import { type BatchPlan, type Page, PROFILE_NAMES, PROFILES, type Profile, type ProfileName } from './profiles.js';
import { readUrlFile, urlProblem } from './target/urls.js';
import { UsageError } from './usage-error.js';

/** A run's settings after validation: inside the app these are trusted. */
export interface RunConfig {
  readonly profile: ProfileName;
  /** Undefined: every discovered strategy. */
  readonly strategies: readonly string[] | undefined;
  /** Trusted peers run on the same target after the points; empty: none. */
  readonly peers: readonly PeerName[];
  readonly concurrency: readonly number[];
  readonly jobs: number;
  /** Pages on the embedded server that jobs cycle through. */
  readonly pages: readonly Page[];
  /** Timed batches per point. */
  readonly batches: BatchPlan;
  /** Undefined: the embedded fixture server. */
  readonly urls: readonly string[] | undefined;
  readonly timeMs: number;
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxRedirects: number;
  readonly retries: number;
  /** Fault mix for the embedded server, as given (e.g. "hang:0.05,reset-mid-body:0.1"). */
  readonly faults: string | undefined;
  /** Remote (non-loopback) URLs were explicitly allowed. */
  readonly allowRemote: boolean;
  /** With remote URLs: the most requests in flight at once (default 6). */
  readonly maxPerHost: number;
  readonly json: string | undefined;
  readonly outDir: string | undefined;
}

/** Flags as commander hands them over: strings, or lists of strings. */
export interface RawRunFlags {
  readonly profile?: string;
  readonly strategies?: string;
  readonly peers?: string;
  readonly concurrency?: string;
  readonly jobs?: string;
  readonly latency?: string;
  readonly size?: string;
  readonly url?: readonly string[];
  readonly urlFile?: string;
  readonly faults?: string;
  readonly allowRemote?: boolean;
  readonly maxPerHost?: string;
  readonly iterations?: string;
  readonly time?: string;
  readonly timeout?: string;
  readonly maxBody?: string;
  readonly maxRedirects?: string;
  readonly retries?: string;
  readonly json?: string;
  readonly out?: string;
}

export const MAX_JOBS = 10_000_000;
/** Browsers open about 6 connections per host; a benchmark of someone else's server should not open more. */
export const DEFAULT_MAX_PER_HOST = 6;

const url = (allowRemote: boolean) =>
  z.string().superRefine((value, context) => {
    const problem = urlProblem(value, allowRemote);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

const listOf = <T extends z.ZodType>(item: T) => z.array(item).min(1, { error: 'must not be empty' });

const flagsSchema = (allowRemote: boolean) =>
  z.object({
    '--strategies': listOf(z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: 'is not a strategy name' })).optional(),
    '--peers': z.array(z.enum(PEER_NAMES, { error: `is not a peer (known: ${PEER_NAMES.join(', ')}, all)` })),
    '--concurrency': listOf(integer(1, MAX_CONCURRENCY)),
    '--jobs': integer(1, MAX_JOBS),
    '--latency': integer(0, LIMITS.latencyMs),
    '--size': integer(0, LIMITS.sizeBytes),
    '--url': listOf(url(allowRemote)).optional(),
    '--iterations': integer(1, 1_000_000),
    '--time': integer(0, 86_400_000),
    '--timeout': integer(1, 3_600_000),
    '--max-body': integer(0, Number.MAX_SAFE_INTEGER),
    '--max-redirects': integer(0, 50),
    '--retries': integer(0, 10),
    '--max-per-host': integer(1, 1000),
    '--json': z.string().min(1).optional(),
    '--out': z.string().min(1).optional(),
  });

const split = (list: string | undefined) => list?.split(',').map((item) => item.trim());

/** `--peers all` is every peer; `--peers none` (or an empty value) none. */
function peerList(list: string | undefined): string[] | undefined {
  const items = split(list)?.filter((item) => item !== '');
  if (items === undefined) return undefined;
  if (items.length === 1 && items[0] === 'all') return [...PEER_NAMES];
  if (items.length === 1 && items[0] === 'none') return [];
  return items;
}

/** Merges the profile with explicit flags and validates the lot; throws UsageError naming the bad value. */
export function parseRunFlags(flags: RawRunFlags): RunConfig {
  const profileName = flags.profile ?? 'quick';
  if (!(PROFILE_NAMES as readonly string[]).includes(profileName)) {
    throw new UsageError(`unknown profile ${show(profileName)}; known: ${PROFILE_NAMES.join(', ')}`);
  }
  const profile: Profile = PROFILES[profileName as ProfileName];
  const base = profile.pages[0] as Page;
  const raw = {
    '--strategies': split(flags.strategies) ?? profile.strategies?.map(String),
    '--peers': peerList(flags.peers) ?? [...(profile.peers ?? [])],
    '--concurrency': split(flags.concurrency) ?? profile.concurrency.map(String),
    '--jobs': flags.jobs ?? String(profile.jobs),
    '--latency': flags.latency ?? String(base.latencyMs),
    '--size': flags.size ?? String(base.sizeBytes),
    '--url': flags.url && flags.url.length > 0 ? [...flags.url] : undefined,
    '--iterations': flags.iterations ?? '1',
    '--time': flags.time ?? String(profile.timeMs),
    '--timeout': flags.timeout ?? String(DEFAULT_TIMEOUT_MS),
    '--max-body': flags.maxBody ?? String(DEFAULT_MAX_BODY_BYTES),
    '--max-redirects': flags.maxRedirects ?? String(DEFAULT_MAX_REDIRECTS),
    '--retries': flags.retries ?? String(DEFAULT_RETRIES),
    '--max-per-host': flags.maxPerHost ?? String(DEFAULT_MAX_PER_HOST),
    '--json': flags.json,
    '--out': flags.out,
  };
  const parsed = flagsSchema(flags.allowRemote === true).safeParse(raw);
  if (!parsed.success) throw new UsageError(describeIssue(parsed.error.issues[0], raw));
  const value = parsed.data;
  const fromFile = flags.urlFile === undefined ? [] : readUrlFile(flags.urlFile, flags.allowRemote === true);
  const urls = [...(value['--url'] ?? []), ...fromFile];
  parseFaultsFlag(flags.faults);
  if (flags.faults !== undefined && urls.length > 0) {
    throw new UsageError('--faults applies to the embedded fixture server only, not to --url or --url-file targets');
  }
  return {
    profile: profileName as ProfileName,
    strategies: value['--strategies'],
    peers: [...new Set(value['--peers'])],
    concurrency: [...new Set(value['--concurrency'])],
    jobs: value['--jobs'],
    // --latency or --size replace the profile's pages with one page.
    pages:
      flags.latency === undefined && flags.size === undefined
        ? profile.pages
        : [{ path: '/page', latencyMs: value['--latency'], sizeBytes: value['--size'] }],
    batches: batchPlan(flags, value['--iterations'], profile.batches),
    urls: urls.length > 0 ? urls : undefined,
    allowRemote: flags.allowRemote === true,
    faults: flags.faults,
    maxPerHost: value['--max-per-host'],
    timeMs: value['--time'],
    timeoutMs: value['--timeout'],
    maxBodyBytes: value['--max-body'],
    maxRedirects: value['--max-redirects'],
    retries: value['--retries'],
    json: value['--json'],
    outDir: value['--out'],
  };
}

/** --iterations fixes the batches per point; --time alone lets tinybench's time budget decide (at least one). */
function batchPlan(flags: RawRunFlags, iterations: number, profile: BatchPlan): BatchPlan {
  if (flags.iterations !== undefined) return { min: iterations, max: iterations, budgetMs: 0 };
  if (flags.time !== undefined) return { min: 1, max: 1, budgetMs: 0 };
  return profile;
}

function describeIssue(issue: z.core.$ZodIssue | undefined, raw: Record<string, unknown>): string {
  if (!issue) return 'invalid flags';
  const [flag, index] = issue.path;
  const given = raw[String(flag)];
  const value = Array.isArray(given) && typeof index === 'number' ? given[index] : given;
  return `${String(flag)} ${issue.message} (got ${show(value)})`;
}

/**
 * Every `fanout run` flag, declared once: name (the key), help, default or
 * profile value, and the zod schema that turns its text into a value. The
 * commander options, the validation, the types and the profile merge all come
 * from this table, as do the README check (test/flags-readme.test.ts).
 *
 * Why commander `Option` + `argParser` fed by zod rather than citty: commander
 * is already the CLI's parser (help, suggestions, exit override, `help`
 * command); zod already holds every check and its message. argParser runs the
 * schema as each flag is read, so a bad value fails as one line naming the
 * flag before any work. citty would add a dependency and a second help format
 * and still need zod for ranges. Adding a flag is one entry here.
 */
import { OPTION_RANGES, strategyNameSchema, WORKLOAD_NAMES } from '@fanout/core';
import { COMPRESSIONS, FAULT_NAMES, LIMITS } from '@fanout/fixture-server';
import { RELAY_LIMITS } from '@fanout/relay';
import { z } from 'zod';
import { integerFlag as integer, listFlag, positiveNumber, rangeFlag } from '../cli-numbers.js';
import { faultsFlag } from '../faults-flag.js';
import { PEER_NAMES } from '../peers/peer.js';
import { type Page, PROFILE_NAMES } from '../profiles.js';
import { urlProblem } from '../target/urls.js';
import { flag, toggle } from './flag.js';
import { QUEUE_RUN_FLAGS } from './queue-flags.js';

const MAX_JOBS = 10_000_000;
/** Browsers open about 6 connections per host; a benchmark of someone else's server should not open more. */
const DEFAULT_MAX_PER_HOST = 6;

const text = z.string().min(1, { error: 'must not be empty' });
/** The URL's form only; whether its host may be remote depends on --allow-remote (checked in config.ts). */
const urlForm = z.string().superRefine((value, context) => {
  const problem = urlProblem(value, true);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});
const firstPage = (pages: readonly Page[]) => pages[0] as Page;
const peerName = z.enum(PEER_NAMES, { error: `is not a peer (known: ${PEER_NAMES.join(', ')}, all, none)` });
/** A comma-separated list of peers; `all` is every peer, `none` (or nothing) none. */
const peerList = z
  .string()
  .transform((text) => {
    const items = text.split(',').map((item) => item.trim());
    if (items.length === 1 && items[0] === 'all') return [...PEER_NAMES];
    return items.length === 1 && (items[0] === 'none' || items[0] === '') ? [] : items;
  })
  .pipe(z.array(peerName));

export const RUN_FLAGS = {
  profile: flag(z.enum(PROFILE_NAMES, { error: `is not a profile; known: ${PROFILE_NAMES.join(', ')}` }), {
    arg: 'name',
    help: `named settings (${PROFILE_NAMES.join(', ')}); flags override them`,
    default: 'quick',
  }),
  strategies: flag(listFlag(strategyNameSchema), {
    arg: 'list',
    help: 'comma-separated strategy names (default: all discovered)',
  }),
  peers: flag(peerList, {
    arg: 'list',
    help: `also run trusted peers on the same target: ${PEER_NAMES.join(', ')}, all, or none`,
    fromProfile: (profile) => [...(profile.peers ?? [])],
  }),
  concurrency: flag(listFlag(rangeFlag(OPTION_RANGES.concurrency)), {
    arg: 'list',
    help: 'comma-separated concurrency levels, one run each',
    fromProfile: (profile) => [...profile.concurrency],
  }),
  jobs: flag(integer(1, MAX_JOBS), { arg: 'n', help: 'jobs (URLs) per batch', fromProfile: (profile) => profile.jobs }),
  latency: flag(integer(0, LIMITS.latencyMs), {
    arg: 'ms',
    help: "added server latency per request, embedded server (replaces the profile's pages)",
    fromProfile: (profile) => firstPage(profile.pages).latencyMs,
  }),
  size: flag(integer(0, LIMITS.sizeBytes), {
    arg: 'bytes',
    help: "response body size, embedded server (replaces the profile's pages)",
    fromProfile: (profile) => firstPage(profile.pages).sizeBytes,
  }),
  url: flag(urlForm, {
    arg: 'url',
    help: 'benchmark this URL instead of the embedded server (repeatable)',
    repeatable: true,
  }),
  urlFile: flag(text, {
    arg: 'file',
    help: 'read URLs from a file, one per line (blank lines and # comments ignored)',
  }),
  allowRemote: toggle({
    help: 'allow non-loopback hosts, given or reached by a redirect (capped by --max-per-host; be polite)',
  }),
  maxPerHost: flag(integer(1, 1000), {
    arg: 'n',
    help: "with --allow-remote: most requests in flight per origin (scheme, host, port; core's maxPerOrigin), redirect targets included, whatever W is",
    default: DEFAULT_MAX_PER_HOST,
  }),
  // The protocols and the network (issue 19); checked across flags in target/protocol.ts.
  tls: toggle({
    help: 'embedded server over HTTPS, with a CA made at start that every client trusts (verified, never skipped)',
    fromProfile: (profile) => profile.tls ?? false,
  }),
  http2: toggle({
    help: 'offer HTTP/2 (ALPN h2, HTTP/1.1 still offered): the embedded server with --tls, or an https --url',
  }),
  // Optional schemas: the profile may leave these off, and off is their value then.
  compress: flag(
    z.enum(COMPRESSIONS, { error: `is not a compression; known: ${COMPRESSIONS.join(', ')}` }).optional(),
    {
      arg: 'coding',
      help: `ask for compressed bodies and decode them (${COMPRESSIONS.join(', ')}); the embedded server serves them`,
      fromProfile: (profile) => profile.compress,
    },
  ),
  ca: flag(text, {
    arg: 'file',
    help: 'also trust the CA certificates (PEM) in this file, for an https --url with a private certificate',
  }),
  rtt: flag(integer(RELAY_LIMITS.rttMs.min, RELAY_LIMITS.rttMs.max).optional(), {
    arg: 'ms',
    help: 'add this round trip between the clients and a loopback target (a relay in its own process)',
    fromProfile: (profile) => profile.rttMs,
  }),
  bandwidth: flag(positiveNumber(RELAY_LIMITS.bandwidthMbit.min, RELAY_LIMITS.bandwidthMbit.max), {
    arg: 'mbit',
    help: 'pace each connection to this many Mbit/s each way (through the same relay)',
  }),
  calibration: flag(z.enum(['on', 'off'], { error: 'must be on or off' }), {
    arg: 'on|off',
    help: 'calibrate the target before the points (5–12 s): the capacity estimate, and for --url the latency floor; off: neither',
    default: 'on',
  }),
  iterations: flag(integer(1, 1_000_000), {
    arg: 'n',
    help: 'timed batches per point, fixed',
    fromProfile: (profile) => profile.batches.min,
  }),
  repeat: flag(integer(1, 20), {
    arg: 'n',
    help: 'run every point and peer n times, interleaved (all of round 1, then round 2, …); each keeps its median round',
    fromProfile: (profile) => profile.repeat ?? 1,
  }),
  time: flag(integer(0, 86_400_000), {
    arg: 'ms',
    help: 'minimum timed milliseconds per point',
    fromProfile: (profile) => profile.timeMs,
  }),
  // The strategy options: range and default from core's OPTION_RANGES, never written again here.
  timeout: flag(rangeFlag(OPTION_RANGES.timeoutMs), {
    arg: 'ms',
    help: 'per-request deadline: connect, headers and body',
    default: OPTION_RANGES.timeoutMs.default,
  }),
  maxBody: flag(rangeFlag(OPTION_RANGES.maxBodyBytes), {
    arg: 'bytes',
    help: 'larger bodies fail with BODY_TOO_LARGE',
    default: OPTION_RANGES.maxBodyBytes.default,
  }),
  maxRedirects: flag(rangeFlag(OPTION_RANGES.maxRedirects), {
    arg: 'n',
    help: 'redirects followed per job (0: a 3xx is HTTP_STATUS)',
    default: OPTION_RANGES.maxRedirects.default,
  }),
  retries: flag(rangeFlag(OPTION_RANGES.retries), {
    arg: 'n',
    help: 'extra attempts after a transport error, with backoff',
    default: OPTION_RANGES.retries.default,
  }),
  workload: flag(z.enum(WORKLOAD_NAMES, { error: `is not a workload; known: ${WORKLOAD_NAMES.join(', ')}` }), {
    arg: 'name',
    help: `what one job does: ${WORKLOAD_NAMES.join(', ')} (download: GET and read the body; cpu: sum of squares, no I/O; mixed: download, then sha256 rounds over the body)`,
    fromProfile: (profile) => profile.workload ?? 'download',
  }),
  cpuBase: flag(integer(0, 1_000_000_000), {
    arg: 'n',
    help: 'cpu workload: job i sums the squares of 0 … n + i − 1',
    fromProfile: (profile) => profile.cpuBase ?? 5_000_000,
  }),
  hashRounds: flag(integer(1, 100_000), {
    arg: 'n',
    help: 'mixed workload: sha256 rounds over each body',
    fromProfile: (profile) => profile.hashRounds ?? 10,
  }),
  faults: flag(faultsFlag, {
    arg: 'mix',
    help: `embedded server fault mix, e.g. hang:0.05,reset-mid-body:0.1 (${FAULT_NAMES.join(', ')})`,
  }),
  strategyModule: flag(text, {
    arg: 'path|package',
    help: 'also load a strategy kept outside this workspace (repeatable)',
    repeatable: true,
  }),
  json: flag(text, { arg: 'file', help: 'also write the JSON report to this file' }),
  out: flag(text, { arg: 'dir', help: 'folder for report.json (default: results/<timestamp>)' }),
  failOnError: toggle({ help: 'exit 1 when any job failed' }),
  ...QUEUE_RUN_FLAGS,
  wide: toggle({ help: "print every column of the table, even past the terminal's width" }),
} as const;

import { type Page, PROFILE_NAMES, PROFILES, type Profile, type ProfileName } from './profiles.js';

/**
 * A profile in words, built from its data so the words cannot drift from what it runs: `--help`, and README's
 * profile table (checked by test/profiles-readme.test.ts) both read these.
 */
export function describeProfile(profile: Profile): string {
  const parts = [`${profile.purpose}: ${describeJobs(profile)}`, `W = ${profile.concurrency.join(', ')}`];
  parts.push(describeBatches(profile));
  const network = [
    profile.tls ? 'HTTPS' : undefined,
    profile.compress ? `${profile.compress} bodies` : undefined,
    profile.rttMs !== undefined ? `${profile.rttMs} ms round trip` : undefined,
  ].filter((part) => part !== undefined);
  if (network.length > 0) parts.push(network.join(', '));
  if (profile.strategies) parts.push(`strategies ${profile.strategies.join(', ')}`);
  if (profile.excludedStrategies) parts.push(`every strategy but ${profile.excludedStrategies.join(', ')}`);
  if (profile.peers) parts.push(`peers ${profile.peers.join(', ')}`);
  if ((profile.repeat ?? 1) > 1) parts.push(`${profile.repeat} interleaved rounds`);
  return parts.join('; ');
}

/** The time a profile takes where it was measured, with the day; otherwise says so rather than guess. */
export function describeProfileTime(profile: Profile): string {
  const { measured } = profile;
  return measured ? `${formatSeconds(measured.seconds)} (measured ${measured.on})` : 'time not measured';
}

/** `fanout run --help`'s list of profiles. */
export function profileHelp(names: readonly ProfileName[] = PROFILE_NAMES): string {
  return names
    .map((name) => `  ${name}: ${describeProfile(PROFILES[name])}; ${describeProfileTime(PROFILES[name])}`)
    .join('\n');
}

function describeJobs(profile: Profile): string {
  const jobs = profile.jobs.toLocaleString('en-US');
  if (profile.workload === 'cpu') {
    return `${jobs} jobs, each a sum of squares of 0 … ${(profile.cpuBase ?? 0).toLocaleString('en-US')} + i, no I/O`;
  }
  const hashed = profile.workload === 'mixed' ? `, each body hashed (sha256) ${profile.hashRounds} times` : '';
  const [page, ...more] = profile.pages;
  if (!page) return `${jobs} jobs`;
  if (more.length === 0) return `${jobs} jobs of ${formatSize(page.sizeBytes)}, ${describeLatency(page)}${hashed}`;
  const each = profile.pages.map((one) => `${formatSize(one.sizeBytes)} (${one.latencyMs} ms)`);
  return `${jobs} jobs cycling through pages of ${each.join(', ')}${hashed}`;
}

function describeLatency(page: Page): string {
  return page.latencyMs > 0 ? `${page.latencyMs} ms added latency` : 'no added latency';
}

function describeBatches({ batches }: Profile): string {
  if (batches.min === batches.max) return `${batches.min} batches per point`;
  return `${batches.min} to ${batches.max} batches per point, as many as fit in ${batches.budgetMs / 1000} s`;
}

/** Exact sizes as a person writes them: 16 KiB, 300 B. */
function formatSize(bytes: number): string {
  return bytes >= 1024 && bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} B`;
}

/** 95 s, 11 min 38 s. */
function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

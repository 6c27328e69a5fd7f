import { cycle } from '@fanout/core';
import type { RunConfig } from '../config.js';
import type { PageCheck } from '../model/schema.js';
import { describeUnchecked, referencePages } from '../run/reference.js';
import type { Target } from '../target/target.js';
import { hasRemoteHost } from '../target/urls.js';

/** Reference fetches at once on this machine; a remote host gets the run's --max-per-host. */
const LOCAL_REFERENCE_FETCHES = 8;

/**
 * What every job's result is checked against, found by the harness on its own before any point runs
 * (run/reference.ts): the distinct URLs the run's jobs use, with the run's limits and politeness. What cannot be
 * checked is said on stderr (and kept in the report). Nothing after Ctrl-C.
 */
export async function referenceStep(config: RunConfig, target: Target, signal: AbortSignal): Promise<PageCheck[]> {
  if (signal.aborted) return [];
  const pages = await referencePages(
    {
      urls: [...new Set(cycle(target.urls, config.jobs))],
      workload: config.workload,
      embedded: config.urls === undefined,
      faultMix: config.faultMix,
      concurrency: hasRemoteHost(config.urls) ? config.maxPerHost : LOCAL_REFERENCE_FETCHES,
      timeoutMs: config.timeoutMs,
      maxBodyBytes: config.maxBodyBytes,
      maxRedirects: config.maxRedirects,
      allowRemote: config.allowRemote,
    },
    signal,
  );
  for (const line of describeUnchecked(pages)) process.stderr.write(`${line}\n`);
  return pages;
}

import { ALLOW_REMOTE_FLAG, isLoopbackHost } from '@fanout/core';
import { UsageError } from '../usage-error.js';
import { readFlagFile } from './flag-file.js';

/** The reach rule lives in core (the job runner checks every hop with it); the CLI checks the URLs it is given. */
export function isLoopback(hostname: string): boolean {
  return isLoopbackHost(hostname);
}

/** True when any URL points off this machine (the politeness cap applies then). */
export function hasRemoteHost(urls: readonly string[] | undefined): boolean {
  return (urls ?? []).some((url) => !isLoopback(new URL(url).hostname));
}

/** Where a run's clients may connect, and how hard, as every strategy and peer is told. */
export interface Reach {
  /** Hops to hosts that are not loopback are allowed: --allow-remote with --url targets (the embedded server has none). */
  readonly allowRemote: boolean;
  /** With allowRemote: most requests in flight to any one origin, redirect targets included (--max-per-host). */
  readonly maxPerOrigin: number | undefined;
  /** Distinct origins of the URLs given (0 for the embedded server). */
  readonly origins: number;
  /**
   * With allowRemote: the largest W a point may run at, --max-per-host × the distinct origins of the URLs given. A
   * strategy keeps to the cap per origin, so W above it only helps across several origins; on one origin it would
   * run at the cap while called W, so it is skipped. Undefined: no limit.
   */
  readonly maxConcurrency: number | undefined;
}

export function reachOf(config: {
  readonly urls: readonly string[] | undefined;
  readonly allowRemote: boolean;
  readonly maxPerHost: number;
}): Reach {
  const origins = new Set((config.urls ?? []).map((url) => new URL(url).origin)).size;
  if (!config.allowRemote || origins === 0) {
    return { allowRemote: false, maxPerOrigin: undefined, origins, maxConcurrency: undefined };
  }
  return { allowRemote: true, maxPerOrigin: config.maxPerHost, origins, maxConcurrency: config.maxPerHost * origins };
}

/** Why `value` cannot be a job URL, or undefined when it can. */
export function urlProblem(value: string, allowRemote: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `must be http or https, not ${parsed.protocol.replace(':', '')}`;
  }
  if (!allowRemote && !isLoopback(parsed.hostname)) {
    return `is not a loopback host: benchmarks hammer servers, so remote hosts need ${ALLOW_REMOTE_FLAG} (be polite)`;
  }
  return undefined;
}

/**
 * Reads one URL per line; blank lines and `#` comments are ignored. Every bad
 * line is named by its number; an empty list is an error.
 */
export function readUrlFile(path: string, allowRemote: boolean): string[] {
  const text = readFlagFile('--url-file', path);
  const urls: string[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const problem = urlProblem(line, allowRemote);
    if (problem) problems.push(`line ${index + 1}: ${JSON.stringify(line)} ${problem}`);
    else urls.push(line);
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join('; ');
    const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
    throw new UsageError(`--url-file ${JSON.stringify(path)}: ${shown}${more}`);
  }
  if (urls.length === 0) throw new UsageError(`--url-file ${JSON.stringify(path)} holds no URLs`);
  return urls;
}

import { readFileSync } from 'node:fs';
import { UsageError } from '../usage-error.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopback(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/** True when any URL points off this machine (the politeness cap applies then). */
export function hasRemoteHost(urls: readonly string[] | undefined): boolean {
  return (urls ?? []).some((url) => !isLoopback(new URL(url).hostname));
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
    return 'is not a loopback host: benchmarks hammer servers, so remote hosts need --allow-remote (be polite)';
  }
  return undefined;
}

/**
 * Reads one URL per line; blank lines and `#` comments are ignored. Every bad
 * line is named by its number; an empty list is an error.
 */
export function readUrlFile(path: string, allowRemote: boolean): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw new UsageError(`--url-file ${JSON.stringify(path)}: ${why}`);
  }
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

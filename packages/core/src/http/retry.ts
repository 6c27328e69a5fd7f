import type { ErrorCode } from '../error-codes.js';

/**
 * Transport errors worth another attempt; an HTTP status or a body limit is an answer, not a glitch, and a refusal
 * by the reach rule or a firewall is a decision. Routes come back and ephemeral ports free up, so the network
 * codes are retried (as undici's retry handler does).
 */
const RETRYABLE: ReadonlySet<ErrorCode> = new Set([
  'CONNECTION_RESET',
  'CONNECTION_REFUSED',
  'TRUNCATED',
  'TIMEOUT',
  'DNS',
  'NETWORK_UNREACHABLE',
  'HOST_UNREACHABLE',
  'ADDRESS_UNAVAILABLE',
]);

export function isRetryable(code: ErrorCode): boolean {
  return RETRYABLE.has(code);
}

const BASE_DELAY_MS = 50;
const MAX_DELAY_MS = 2000;

/** Exponential backoff with full jitter (AWS architecture blog): spreads retries of a burst of failures. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
}

/** Waits `ms`, or less if `signal` aborts; never rejects. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

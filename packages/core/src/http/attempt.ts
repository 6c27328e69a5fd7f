import type { JobError } from '../contract.js';
import { type AbortReason, classifyError } from './classify.js';

export interface DownloadLimits {
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxRedirects: number;
}

/** What any HTTP client gives back: a status, the Location header, and a body to read as an async iterable. */
export interface ExchangeResponse {
  readonly status: number;
  readonly location?: string | undefined;
  readonly body: AsyncIterable<Uint8Array>;
}

/** Sends one GET for `url` without following redirects; must honour `signal`. */
export type Exchange = (url: string, signal: AbortSignal) => Promise<ExchangeResponse>;

export type AttemptOutcome =
  | { readonly ok: true; readonly status: number; readonly bytes: number }
  | { readonly ok: false; readonly error: JobError; readonly bytes: number };

/**
 * One attempt at a job: follows redirects itself (so every client gets the
 * same limits and codes), reads and counts the final body, and keeps one
 * deadline over the whole chain: connect, headers and body.
 */
export async function attempt(
  exchange: Exchange,
  url: string,
  limits: DownloadLimits,
  signal?: AbortSignal,
): Promise<AttemptOutcome> {
  const controller = new AbortController();
  let abortReason: AbortReason | undefined;
  const abort = (reason: AbortReason) => {
    abortReason ??= reason;
    controller.abort();
  };
  const onOuterAbort = () => abort('aborted');
  signal?.addEventListener('abort', onOuterAbort, { once: true });
  const timer = setTimeout(() => abort('timeout'), limits.timeoutMs);
  let bytes = 0;
  let midBody = false;
  const visited = new Set<string>();
  try {
    for (let current = url; ; ) {
      visited.add(current);
      midBody = false;
      const response = await exchange(current, controller.signal);
      midBody = true;
      bytes = 0;
      for await (const chunk of response.body) {
        bytes += chunk.byteLength;
        if (bytes > limits.maxBodyBytes) {
          return fail('BODY_TOO_LARGE', `body exceeded ${limits.maxBodyBytes} bytes`, bytes);
        }
      }
      const { status, location } = response;
      if (status >= 300 && status < 400 && location !== undefined && limits.maxRedirects > 0) {
        const next = URL.canParse(location, current) ? new URL(location, current).href : undefined;
        if (next === undefined) return fail('PROTOCOL', `invalid Location header ${JSON.stringify(location)}`, bytes);
        if (visited.has(next)) return fail('REDIRECT_LOOP', `redirect loop back to ${next}`, bytes);
        if (visited.size > limits.maxRedirects) {
          return fail('TOO_MANY_REDIRECTS', `more than ${limits.maxRedirects} redirects`, bytes);
        }
        current = next;
        continue;
      }
      if (status < 200 || status > 299)
        return { ok: false, error: { code: 'HTTP_STATUS', message: `HTTP ${status}`, status }, bytes };
      return { ok: true, status, bytes };
    }
  } catch (error) {
    return { ok: false, error: classifyError(error, abortReason ? { abortReason, midBody } : { midBody }), bytes };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onOuterAbort);
  }
}

function fail(code: JobError['code'], message: string, bytes: number): AttemptOutcome {
  return { ok: false, error: { code, message }, bytes };
}

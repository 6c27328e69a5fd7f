import { setMaxListeners } from 'node:events';
import { systemClock } from '../clock.js';
import type { Job, JobResult } from '../contract.js';
import { ABORTED_BEFORE_START, failedJob, failure, success } from '../results.js';
import { type AbortReason, classifyError } from './classify.js';

export interface DownloadLimits {
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
}

/** What any HTTP client gives back: a status and a body to read (and stop reading) as an async iterable. */
export interface ExchangeResponse {
  readonly status: number;
  readonly body: AsyncIterable<Uint8Array>;
}

/** Sends one GET for `url`; must honour `signal`. Plug in undici.request, fetch, an HTTP/2 client… */
export type Exchange = (url: string, signal: AbortSignal) => Promise<ExchangeResponse>;

/**
 * Runs one job through any HTTP client and always resolves with its result:
 * the body is read to the end and its bytes counted (never kept), non-2xx is
 * HTTP_STATUS, one deadline covers connect, headers and body, and transport
 * errors get stable codes. Leaving the `for await` early cancels the body.
 */
export async function runHttpJob(
  exchange: Exchange,
  job: Job,
  limits: DownloadLimits,
  signal?: AbortSignal,
): Promise<JobResult> {
  const startMs = systemClock.now();
  if (signal?.aborted) return failedJob(job.id, ABORTED_BEFORE_START, startMs);
  const controller = new AbortController();
  let abortReason: AbortReason | undefined;
  const abort = (reason: AbortReason) => {
    abortReason ??= reason;
    controller.abort();
  };
  const onOuterAbort = () => abort('aborted');
  if (signal) {
    // One listener per in-flight request is expected here, not a leak.
    setMaxListeners(0, signal);
    signal.addEventListener('abort', onOuterAbort, { once: true });
  }
  const timer = setTimeout(() => abort('timeout'), limits.timeoutMs);
  let bytes = 0;
  let midBody = false;
  const end = (fields: { ok: true; status: number } | { ok: false; error: Parameters<typeof failure>[0]['error'] }) => {
    const common = { id: job.id, startMs, endMs: systemClock.now(), attempts: 1, bytes };
    return fields.ok ? success({ ...common, status: fields.status }) : failure({ ...common, error: fields.error });
  };
  try {
    const response = await exchange(job.url, controller.signal);
    midBody = true;
    for await (const chunk of response.body) {
      bytes += chunk.byteLength;
      if (bytes > limits.maxBodyBytes) {
        return end({
          ok: false,
          error: { code: 'BODY_TOO_LARGE', message: `body exceeded ${limits.maxBodyBytes} bytes` },
        });
      }
    }
    const status = response.status;
    if (status < 200 || status > 299)
      return end({ ok: false, error: { code: 'HTTP_STATUS', message: `HTTP ${status}`, status } });
    return end({ ok: true, status });
  } catch (error) {
    return end({ ok: false, error: classifyError(error, abortReason ? { abortReason, midBody } : { midBody }) });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onOuterAbort);
  }
}

import { setMaxListeners } from 'node:events';
import { type Dispatcher, request } from 'undici';
import { systemClock } from '../clock.js';
import type { Job, JobResult } from '../contract.js';
import { ABORTED_BEFORE_START, failedJob, failure, success } from '../results.js';
import { type AbortReason, classifyError } from './classify.js';

export interface DownloadLimits {
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
}

/**
 * Downloads one job through `dispatcher` and always resolves with its result:
 * the body is read to the end and its bytes counted (never kept), non-2xx is
 * HTTP_STATUS, and one deadline covers connect, headers and body.
 */
export async function downloadJob(
  dispatcher: Dispatcher,
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
  try {
    const response = await request(job.url, { dispatcher, signal: controller.signal, method: 'GET' });
    midBody = true;
    for await (const chunk of response.body) {
      bytes += (chunk as Buffer).length;
      if (bytes > limits.maxBodyBytes) {
        response.body.destroy();
        return failure({
          id: job.id,
          error: { code: 'BODY_TOO_LARGE', message: `body exceeded ${limits.maxBodyBytes} bytes` },
          startMs,
          endMs: systemClock.now(),
          attempts: 1,
          bytes,
        });
      }
    }
    const endMs = systemClock.now();
    const status = response.statusCode;
    if (status < 200 || status > 299) {
      return failure({
        id: job.id,
        error: { code: 'HTTP_STATUS', message: `HTTP ${status}`, status },
        startMs,
        endMs,
        attempts: 1,
        bytes,
      });
    }
    return success({ id: job.id, status, bytes, startMs, endMs, attempts: 1 });
  } catch (error) {
    const context = abortReason ? { abortReason, midBody } : { midBody };
    return failure({
      id: job.id,
      error: classifyError(error, context),
      startMs,
      endMs: systemClock.now(),
      attempts: 1,
      bytes,
    });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onOuterAbort);
  }
}

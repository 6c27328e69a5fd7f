import { type Dispatcher, request } from 'undici';
import type { Job, JobResult } from '../contract.js';
import { type DownloadLimits, runHttpJob } from './exchange.js';

/** `undici.request` through `dispatcher` as an Exchange. */
export function undiciExchange(dispatcher: Dispatcher) {
  return async (url: string, signal: AbortSignal) => {
    const response = await request(url, { dispatcher, signal, method: 'GET' });
    return { status: response.statusCode, body: response.body };
  };
}

/** Downloads one job with `undici.request` through `dispatcher`; see runHttpJob. */
export function downloadJob(
  dispatcher: Dispatcher,
  job: Job,
  limits: DownloadLimits,
  signal?: AbortSignal,
): Promise<JobResult> {
  return runHttpJob(undiciExchange(dispatcher), job, limits, signal);
}

import type { StrategyOptions } from '../contract.js';
import type { JobLimits } from './runner.js';
import type { PoolTransportOptions } from './undici-transport.js';

/**
 * What a job runner in another thread, process or machine needs to run jobs as the strategy was asked to: its
 * limits and how it speaks to servers (CA text, HTTP/2, content coding). Plain data (the CA is PEM text), so it
 * crosses piscina's workerData, a child's argv and a queue's job data as it is.
 */
export type WorkerLimits = JobLimits & Pick<PoolTransportOptions, 'ca' | 'http2' | 'acceptEncoding'>;

/** The one place the options that cross into workers are picked, so a new one cannot be left behind by one pool. */
export function workerLimits(options: StrategyOptions): WorkerLimits {
  const { timeoutMs, maxBodyBytes, maxRedirects, retries, allowRemote, http2, acceptEncoding } = options;
  const limits = { timeoutMs, maxBodyBytes, maxRedirects, retries, allowRemote, http2, acceptEncoding };
  return options.ca === undefined ? limits : { ...limits, ca: options.ca };
}

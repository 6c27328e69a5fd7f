export { type AttemptOutcome, attempt, type DownloadLimits, type Exchange, type ExchangeResponse } from './attempt.js';
export { type AbortReason, classifyError } from './classify.js';
export { undiciExchange } from './download.js';
export { type JobLimits, runHttpJob } from './exchange.js';
export { backoffMs, isRetryable, pause } from './retry.js';

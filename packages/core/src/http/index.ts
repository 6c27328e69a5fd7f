export { type AbortReason, classifyError } from './classify.js';
export { downloadJob, undiciExchange } from './download.js';
export { type DownloadLimits, type Exchange, type ExchangeResponse, runHttpJob } from './exchange.js';

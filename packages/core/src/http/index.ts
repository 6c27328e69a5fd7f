export { type AbortReason, classifyError } from './classify.js';
export { type DownloadLimits, downloadJob } from './download.js';

export { mapBounded } from './bounded.js';
export { type Clock, systemClock } from './clock.js';
export {
  CONTRACT_VERSION,
  type CpuJob,
  type CreateStrategy,
  type DownloadJob,
  type Job,
  type JobError,
  type JobFailure,
  type JobResult,
  type JobSuccess,
  type MixedJob,
  PROGRESS_REPORT_MS,
  type RunOptions,
  type Strategy,
  type StrategyDefinition,
  type StrategyOptions,
} from './contract.js';
export { defineStrategy } from './define.js';
export { type ErrorCode, JOB_ERROR_CODES, USAGE_ERROR_CODES, type UsageErrorCode } from './error-codes.js';
export { describeCause, errors, FanoutError, isFanoutError } from './errors.js';
export {
  createLatencyRecorder,
  type LatencyPercentiles,
  type LatencyRecorder,
  type LatencySummary,
} from './latency.js';
export { once } from './once.js';
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_RETRIES,
  DEFAULT_TIMEOUT_MS,
  MAX_CONCURRENCY,
  parseStrategyOptions,
  strategyOptionsSchema,
} from './options.js';
export { describeOriginCap, originCapRefusal, originShares, sharedOriginShare } from './origin-cap.js';
export { chunkRule, describeChunks, MAX_CHUNK, spread } from './pool-layout.js';
export { throttleProgress } from './progress.js';
export { ALLOW_REMOTE_FLAG, hostOf, isLoopbackHost, isLoopbackUrl } from './reach.js';
export { ABORTED_BEFORE_START, countErrors, failedJob, failure, success, unknownError } from './results.js';
export { formatIssues, show } from './validation.js';
export {
  checkValue,
  expectedSumOfSquares,
  hashRounds,
  makeJobs,
  type PageExpectation,
  runCpuJob,
  sumOfSquares,
  WORKLOAD_NAMES,
  type WorkloadName,
  type WorkloadSettings,
  warmComputation,
} from './workloads/index.js';

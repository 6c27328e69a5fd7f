export { mapBounded } from './bounded.js';
export { type ChunkPool, dispatchChunks } from './chunk-dispatch.js';
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
export { cycle, cycleAt } from './cycle.js';
export { defineStrategy } from './define.js';
export { type ErrorCode, JOB_ERROR_CODES, type UsageErrorCode } from './error-codes.js';
export { describeCause, errors, FanoutError, isFanoutError } from './errors.js';
export {
  createLatencyRecorder,
  type LatencyPercentiles,
  type LatencyRecorder,
  type LatencySummary,
} from './latency.js';
export { once } from './once.js';
export { OPTION_RANGES, type OptionRange, parseStrategyOptions, strategyOptionsSchema } from './options.js';
export { describeOriginCap, originCapRefusal, originShares, sharedOriginShare } from './origin-cap.js';
export { chunkRule, describeChunks, MAX_CHUNK, spread } from './pool-layout.js';
export { throttleProgress } from './progress.js';
export { ALLOW_REMOTE_FLAG, hostOf, isLoopbackHost, isLoopbackUrl } from './reach.js';
export { ABORTED_BEFORE_START, countErrors, failedJob, failure, unknownError } from './results.js';
export { MAX_STRATEGY_NAME_LENGTH, strategyNameProblem, strategyNameSchema } from './strategy-name.js';
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

export { expectedSumOfSquares, runCpuJob, sumOfSquares } from './cpu.js';
export { hashRounds } from './hash.js';
export { makeJobs, WORKLOAD_NAMES, type WorkloadName, type WorkloadSettings } from './make-jobs.js';
export { checkValue, type PageExpectation } from './verify.js';
export { warmComputation } from './warm.js';

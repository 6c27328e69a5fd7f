export { type H2Layout, h2Layout, STREAMS_PER_CONNECTION } from '../h2-layout.js';
export { type AttemptOutcome, attempt, type DownloadLimits } from './attempt.js';
export { type AbortReason, classifyError } from './classify.js';
export { DecodeError, decodeBody } from './decode.js';
export { type Exchange, type ExchangeResponse, exchangeTransport } from './exchange.js';
export { type Canceller, createInFlight, type InFlight, type Ticket } from './in-flight.js';
export {
  claimProbe,
  createOrigins,
  type Origin,
  type OriginSettings,
  type Origins,
} from './origins.js';
export { backoffMs, isRetryable, pause } from './retry.js';
export { createJobRunner, type JobLimits, type JobRunner } from './runner.js';
export { type Answer, BodyTooLargeError, CancelledError, type Transport } from './transport.js';
export { type PoolTransportOptions, poolTransport } from './undici-transport.js';
export { type WorkerLimits, workerLimits } from './worker-limits.js';

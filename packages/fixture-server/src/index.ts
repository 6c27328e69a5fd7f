export { DECODED_LENGTH_HEADER, pageBody } from './body.js';
export { type CaFile, writeCaFile } from './ca-file.js';
export { COMPRESSIONS, type Compression, MAX_COMPRESSED_PAGE } from './encoding.js';
export { FAULT_DEFAULTS, FAULT_LIMITS, type FaultRequest, faultFromQuery } from './fault-query.js';
export {
  checkFaultMix,
  drawFault,
  FAULT_NAMES,
  type FaultMix,
  type FaultName,
  isFaultName,
  parseFaultMix,
} from './faults.js';
export type { ServerStats } from './gauge.js';
export { isLoopbackAddress, LOOPBACK_HOST, listenWarning } from './listen-host.js';
export { MALFORMED_H2_LENGTH, MALFORMED_RESPONSE } from './raw-responses.js';
export { serveInForeground } from './serve-in-foreground.js';
export { type FixtureServer, type FixtureServerOptions, RESET_PATH, STATS_PATH, startFixtureServer } from './server.js';
export { DEFAULT_SETTINGS, LIMITS, type ResponseSettings } from './settings.js';

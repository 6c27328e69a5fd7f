export { parseRunFlags, type RawRunFlags, type RunConfig } from './config.js';
export { type CompletedRun, type Report, type RunRecord, reportSchema } from './model/schema.js';
export { PROFILES, type Profile } from './profiles.js';
export { discoverStrategies } from './strategies/discover.js';

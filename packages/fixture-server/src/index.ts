export type { ServerStats } from './gauge.js';
export { type FixtureServer, type FixtureServerOptions, RESET_PATH, STATS_PATH, startFixtureServer } from './server.js';
export { DEFAULT_SETTINGS, LIMITS, type ResponseSettings } from './settings.js';

export { SLICE_BYTES, WINDOW_BYTES } from './link.js';
export { RELAY_LIMITS, type RelayOptions } from './options.js';
export { type Relay, type RelayStats, startRelay } from './relay.js';
export { type RelayProcess, relayArgs, spawnRelay } from './spawn.js';

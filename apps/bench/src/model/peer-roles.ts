/**
 * What the peers' ratios are taken against, by peer name. The ceiling is the bare dispatch loop (the undici-pool
 * peer: `@fanout/core/bare`, the same work as the job runner and nothing else); the load generators are the fastest
 * clients there are. peers/peer.ts names the same load generators for the peers' own use.
 */
export const CEILING_PEER = 'undici-pool';
export const LOAD_GENERATOR_PEERS: readonly string[] = ['autocannon', 'wrk'];

/**
 * What the peers' ratios are taken against, by peer name. The ceiling is the bare dispatch loop (the undici-pool
 * peer: `@fanout/core/bare`, the same work as the job runner and nothing else); the load generators are the fastest
 * clients there are (h2load the HTTP/2 one; autocannon and wrk speak HTTP/1.1 only, so each run has its own).
 */
export const CEILING_PEER = 'undici-pool';
export const LOAD_GENERATOR_PEERS: readonly string[] = ['autocannon', 'wrk', 'h2load'];

import autocannon from 'autocannon';
import type { BatchOutcome, NodePeerPlan } from './node-child.js';

/**
 * autocannon through its Node API: W connections, exactly `jobs` requests,
 * bodies read by its own parser and not kept. Several URLs of one origin
 * become its per-connection request sequence.
 */
export async function runAutocannonBatch(plan: NodePeerPlan): Promise<BatchOutcome> {
  const first = new URL(plan.urls[0] as string);
  const result = await autocannon({
    url: first.origin,
    connections: plan.concurrency,
    amount: plan.jobs,
    pipelining: 1,
    // autocannon notices that `amount` is reached on its sampling tick (1 s by default): without this every
    // batch would last a whole number of seconds.
    sampleInt: 10,
    timeout: Math.max(1, Math.ceil(plan.timeoutMs / 1000)),
    requests: plan.urls.map((url) => {
      const { pathname, search } = new URL(url);
      return { method: 'GET', path: `${pathname}${search}` };
    }),
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  return {
    succeeded: Math.max(0, result.requests.total - result.non2xx),
    failed,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
  };
}

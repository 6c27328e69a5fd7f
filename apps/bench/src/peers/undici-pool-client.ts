import { readFileSync } from 'node:fs';
import { bareDispatchLoop } from '@fanout/core/bare';
import { followWarmUpRule } from '../harness/warm-up-rule.js';
import type { NodePeerPlan, NodePeerReply, TimedBatch } from './protocol.js';

/** At most this many h2 streams per connection, as core's transport opens them (packages/core/src/http/origins.ts). */
const STREAMS_PER_CONNECTION = 100;

/**
 * The ceiling for any undici-based strategy, doing the same wire work as fanout's job runner: core's bare dispatch
 * loop (an undici Pool of W connections per origin, `dispatch` with a handler that counts body bytes and drops
 * them) and nothing else: no per-job result, no deadline, no retries, no redirects (a 3xx counts as not 2xx). Over
 * https it trusts the run's CA and verifies; over h2 it multiplexes as the job runner does, ⌈W ÷ 100⌉ connections
 * carrying W streams in all (undici counts h2 streams against `pipelining`: a Pool of W connections with one each
 * would be another client). The warm-up rule first, then each timed batch with the CPU this process (its threads
 * included) spent on it.
 */
export async function runUndiciPool(plan: NodePeerPlan): Promise<NodePeerReply> {
  const { caFile, ...client } = plan.client;
  const connections = client.http2 ? Math.ceil(plan.concurrency / STREAMS_PER_CONNECTION) : plan.concurrency;
  const loop = bareDispatchLoop(plan.urls, connections, {
    ...client,
    ...(caFile === undefined ? {} : { ca: readFileSync(caFile, 'utf8') }),
    ...(client.http2 ? { pipelining: Math.ceil(plan.concurrency / connections) } : {}),
  });
  try {
    const warmUp = await followWarmUpRule(plan.jobs, plan.concurrency, async (jobs) => {
      const started = performance.now();
      await loop.run(jobs, plan.concurrency);
      return performance.now() - started;
    });
    const batches: TimedBatch[] = [];
    for (let batch = 0; batch < plan.batches; batch++) {
      const cpu = process.cpuUsage();
      const started = performance.now();
      const { succeeded, failed } = await loop.run(plan.jobs, plan.concurrency);
      const ms = performance.now() - started;
      const used = process.cpuUsage(cpu);
      batches.push({ ms, cpuMs: (used.user + used.system) / 1000, succeeded, failed });
    }
    return { batches, warmUp };
  } finally {
    await loop.close();
  }
}

import { readFileSync } from 'node:fs';
import { bareDispatchLoop } from '@fanout/core/bare';
import { followWarmUpRule } from '../harness/warm-up-rule.js';
import type { NodePeerPlan, NodePeerReply, TimedBatch } from './protocol.js';

/**
 * The ceiling for any undici-based strategy, doing the same wire work as fanout's job runner: core's bare dispatch
 * loop (an undici Pool of W connections per origin, `dispatch` with a handler that counts body bytes and drops
 * them) and nothing else: no per-job result, no deadline, no retries, no redirects (a 3xx counts as not 2xx). Over
 * https it trusts the run's CA and verifies; over h2 (the TLS probe's answer) it multiplexes as the job runner does,
 * ⌈W ÷ 100⌉ connections carrying W streams in all (core's h2Layout: a Pool of W connections with one stream each
 * would be another client). The warm-up rule first, then each timed batch with the CPU this process (its threads
 * included) spent on it.
 */
export async function runUndiciPool(plan: NodePeerPlan): Promise<NodePeerReply> {
  const { caFile, ...client } = plan.client;
  const loop = bareDispatchLoop(plan.urls, plan.concurrency, {
    ...client,
    ...(caFile === undefined ? {} : { ca: readFileSync(caFile, 'utf8') }),
    ...(client.http2 ? { h2Origins: [...new Set(plan.urls.map((url) => new URL(url).origin))] } : {}),
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

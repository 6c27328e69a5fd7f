import { readFileSync } from 'node:fs';
import { createHistogram } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { followWarmUpRule } from '../harness/warm-up-rule.js';
import type { NodePeerPlan, NodePeerReply, TimedBatch } from './protocol.js';

/** autocannon runs until stopped; this only bounds a run whose server stopped answering (the parent kills it too). */
const LONGEST_RUN_S = 24 * 60 * 60;

/**
 * autocannon as its users run it: one continuous run of W connections (pipelining 1), open from the first request
 * to the last, so no batch pays for new connections, for autocannon's start-up or for its end-of-run tick. Batches
 * are successive groups of answers: the warm-up rule's slices and batches first, then each timed batch is the next
 * `jobs` answers (errors included), timed from the answer that closed the previous group to the one that closes it,
 * with the CPU this process (its threads included) spent in between. Several URLs of the first origin become every
 * connection's request sequence. autocannon never follows a redirect: a 3xx is an answer that is not 2xx. It speaks
 * HTTP/1.1 (over TLS for https), and asks for a coding without decoding it.
 */
export function runAutocannon(plan: NodePeerPlan): Promise<NodePeerReply> {
  const first = new URL(plan.urls[0] as string);
  const origin = plan.urls.filter((url) => new URL(url).origin === first.origin);
  // Per-request latency of the timed batches only, in µs (as core's recorder keeps it), from autocannon's hrtime.
  const latency = createHistogram({ lowest: 1, highest: 3_600_000_000, figures: 3 });
  let timing = false;
  const counts = { answered: 0, succeeded: 0, failed: 0 };
  let mark = { at: performance.now(), cpu: process.cpuUsage(), ...counts };
  let boundary: { answered: number; close: (batch: TimedBatch) => void } | undefined;

  const closeGroup = () => {
    const now = performance.now();
    const used = process.cpuUsage(mark.cpu);
    const batch = {
      ms: now - mark.at,
      cpuMs: (used.user + used.system) / 1000,
      succeeded: counts.succeeded - mark.succeeded,
      failed: counts.failed - mark.failed,
    };
    const close = boundary?.close;
    boundary = undefined;
    mark = { at: now, cpu: process.cpuUsage(), ...counts };
    close?.(batch);
  };
  const answer = (ok: boolean) => {
    counts.answered += 1;
    if (ok) counts.succeeded += 1;
    else counts.failed += 1;
    if (boundary && counts.answered >= boundary.answered) closeGroup();
  };
  // Settles when autocannon's run ends: after stop(), or early when it cannot run at all.
  let finished: (error: unknown) => void = () => undefined;
  const ended = new Promise<unknown>((resolve) => {
    finished = resolve;
  });
  const endedEarly = ended.then((error): never => {
    throw new Error(`autocannon ended before its batches were done: ${error instanceof Error ? error.message : error}`);
  });
  endedEarly.catch(() => undefined);
  /** The next `jobs` answers after the last group closed. */
  const group = (jobs: number) =>
    Promise.race([
      new Promise<TimedBatch>((close) => {
        boundary = { answered: mark.answered + jobs, close };
        if (counts.answered >= boundary.answered) closeGroup();
      }),
      endedEarly,
    ]);

  const { caFile, acceptEncoding } = plan.client;
  const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
  const instance = autocannon(
    {
      url: first.origin,
      // autocannon connects with rejectUnauthorized: false whatever these say; the orchestrator verified the
      // target's certificate through this CA before running it (peers/tls-probe.ts).
      ...(caFile === undefined ? {} : { tlsOptions: { ca: readFileSync(caFile, 'utf8') } }),
      connections: plan.concurrency,
      pipelining: 1,
      duration: LONGEST_RUN_S,
      // How soon stop() takes effect once the timed batches are done (nothing is timed then).
      sampleInt: 100,
      timeout: Math.max(1, Math.ceil(plan.timeoutMs / 1000)),
      requests: origin.map((url) => {
        const { pathname, search } = new URL(url);
        return { method: 'GET', path: `${pathname}${search}`, headers };
      }),
    },
    (error) => finished(error),
  );
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (timing) latency.record(Math.max(1, Math.round(responseTime * 1000)));
    answer(statusCode >= 200 && statusCode < 300);
  });
  instance.on('reqError', () => answer(false));

  return (async () => {
    const warmUp = await followWarmUpRule(plan.jobs, plan.concurrency, async (jobs) => (await group(jobs)).ms);
    timing = true;
    const batches: TimedBatch[] = [];
    for (let batch = 0; batch < plan.batches; batch++) batches.push(await group(plan.jobs));
    timing = false;
    instance.stop();
    await ended;
    const ms = (micros: number) => micros / 1000;
    return {
      batches,
      warmUp,
      ...(latency.count > 0
        ? {
            latencyMs: {
              p50: ms(latency.percentile(50)),
              p90: ms(latency.percentile(90)),
              p99: ms(latency.percentile(99)),
              max: ms(latency.max),
            },
          }
        : {}),
    };
  })();
}

import { throttleProgress } from '@fanout/core';
import { isInterrupted, isSkipped, type RunRecord } from '../model/schema.js';
import { loadStrategy } from '../strategies/load.js';
import { serverCounters } from './counters.js';
import {
  ABORT_MESSAGE,
  type ChildMessage,
  type PointPlanMessage,
  PROGRESS_MESSAGE_MS,
  pointPlanMessageSchema,
} from './messages.js';
import { runPoint } from './point.js';
import { pointKey } from './point-key.js';

/**
 * Entry of a point's own process (started by fork-point.ts with an IPC
 * channel, the way JMH forks a JVM per benchmark): receives one plan, loads
 * the strategy, runs the point and sends back exactly one result. Whatever
 * the point allocates, starts or leaks ends with this process.
 */

const controller = new AbortController();
let planned = false;

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

const noCounters = { stats: async () => undefined, resetStats: async () => undefined };

async function runPlan(plan: PointPlanMessage): Promise<RunRecord> {
  const key = pointKey(plan.manifest.name, plan.concurrency, plan.jobs.length);
  try {
    const definition = await loadStrategy(plan.manifest);
    // Node, the harness and the strategy module, before the strategy creates anything: the floor under peak RSS.
    const baselineRssBytes = process.memoryUsage.rss();
    const run = await runPoint({
      ...plan,
      definition,
      target: plan.controlUrl ? serverCounters(plan.controlUrl, plan.ca) : noCounters,
      signal: controller.signal,
      onBatch: (done, total) => void send({ type: 'batch', done, planned: total }),
      onPhase: (phase, reportsProgress) => void send({ type: 'phase', phase, reportsProgress }),
      // At most one message per PROGRESS_MESSAGE_MS, sent even while a computation holds this thread's loop.
      onProgress: throttleProgress((finished) => void send({ type: 'progress', finished }), PROGRESS_MESSAGE_MS),
    });
    return isSkipped(run) && !isInterrupted(run) ? run : { ...run, baselineRssBytes };
  } catch (error) {
    return { ...key, skipped: `error: ${(error as Error).message}` };
  }
}

process.on('message', (message: unknown) => {
  if (typeof message === 'object' && message !== null && 'type' in message && message.type === ABORT_MESSAGE.type) {
    controller.abort();
    return;
  }
  if (planned) return;
  planned = true;
  const plan = pointPlanMessageSchema.safeParse(message);
  if (!plan.success) {
    process.stderr.write(`point process: invalid plan: ${plan.error.message}\n`);
    process.exit(2);
  }
  void runPlan(plan.data).then(async (run) => {
    await send({ type: 'result', run });
    // Exit now: a strategy that leaves handles open must not keep the point alive after its result.
    process.exit(0);
  });
});

// The orchestrator is gone (a second Ctrl-C, a crash): nobody wants this point any more.
process.on('disconnect', () => process.exit(1));
// Ctrl-C sent to this process itself: stop like the orchestrator's abort message would.
process.on('SIGINT', () => controller.abort());

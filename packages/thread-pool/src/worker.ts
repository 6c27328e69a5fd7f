import { BroadcastChannel, threadId, workerData } from 'node:worker_threads';
import type { JobResult } from '@fanout/core';
import { createHttpJobRunner, poolTransport } from '@fanout/core/http';
import type { BarrierTask, JobTask, WorkerSettings, WorkerTask } from './protocol.js';

// Compiled to dist/worker.js and loaded by path: Node 20 cannot run .ts in a worker.
const settings = workerData as WorkerSettings;

// The thread-local session: one connection, one request at a time.
const http = createHttpJobRunner(poolTransport({ ...settings.limits, connections: 1 }), settings.limits);

let batch = -1;
let controller = new AbortController();
const abortedBatches = new Set<number>();
const channel = new BroadcastChannel(settings.abortChannel);
channel.unref();
channel.onmessage = (event) => {
  const aborted = (event as { data: number }).data;
  abortedBatches.add(aborted);
  if (aborted === batch) controller.abort();
};

function signalFor(task: JobTask): AbortSignal {
  if (task.batch !== batch) {
    batch = task.batch;
    controller = new AbortController();
    if (abortedBatches.has(batch)) controller.abort();
  }
  return controller.signal;
}

function barrier(task: BarrierTask): number {
  const counter = new Int32Array(task.counter);
  Atomics.add(counter, 0, 1);
  Atomics.notify(counter, 0);
  for (;;) {
    const arrived = Atomics.load(counter, 0);
    if (arrived >= task.parties) return threadId;
    const left = task.deadline - Date.now();
    if (left <= 0) throw new Error(`only ${arrived} of ${task.parties} worker threads started in time`);
    Atomics.wait(counter, 0, arrived, Math.min(left, 50));
  }
}

export default async function handle(task: WorkerTask): Promise<JobResult | number> {
  if (task.kind === 'barrier') return barrier(task);
  return http.run(task.job, signalFor(task));
}

import { BroadcastChannel, threadId, workerData } from 'node:worker_threads';
import type { JobResult } from '@fanout/core';
import { createJobRunner, poolTransport } from '@fanout/core/http';
import { mapBounded } from '@fanout/core/worker';
import type { BarrierTask, ChunkTask, WorkerSettings, WorkerTask } from './protocol.js';

// Compiled to dist/worker.js and loaded by path: Node 20 cannot run .ts in a worker.
const settings = workerData as WorkerSettings;

// The thread-local session: its own connections, as many as a chunk runs at once.
const http = createJobRunner(poolTransport({ ...settings.limits, connections: settings.connections }), settings.limits);

const finished = new Int32Array(settings.finished);
const countFinished = (count: number) => {
  Atomics.add(finished, 0, count);
};

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

function signalFor(task: ChunkTask): AbortSignal {
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

export default async function handle(task: WorkerTask): Promise<readonly JobResult[] | number> {
  if (task.kind === 'barrier') return barrier(task);
  const signal = signalFor(task);
  return mapBounded(task.jobs, task.lanes, (job) => http.run(job, signal), countFinished);
}

import { createJobRunner, type JobRunner, poolTransport } from '@fanout/core/http';
import { mapBounded, throttleProgress, warmComputation } from '@fanout/core/worker';
import type { FromChild, ToChild } from './protocol.js';

// A process of the pool: its own event loop, its own connections, the same job runner as every strategy. Its
// settings come as the first message (see pool.ts), then chunks and aborts.
let runner: JobRunner | undefined;
let controller = new AbortController();
const send = (message: FromChild) => process.send?.(message);

/** How often a chunk reports its finished jobs (a sign of life for the harness): well inside PROGRESS_REPORT_MS. */
const PROGRESS_MS = 250;

/** A chunk's progress, at most one message per PROGRESS_MS; what is left goes with its results. */
const throttled = (chunk: number) =>
  throttleProgress((finished) => send({ type: 'progress', chunk, finished }), PROGRESS_MS);

process.on('message', (message: ToChild) => {
  if (message.type === 'settings') {
    const { limits, connections } = message.settings;
    runner = createJobRunner(poolTransport({ ...limits, connections }), limits);
    // A fresh V8: the cpu workload's loop is optimised before the pool says it is ready (see warmComputation).
    warmComputation();
    send({ type: 'ready' });
    return;
  }
  if (message.type === 'abort') {
    controller.abort();
    controller = new AbortController();
    return;
  }
  const ready = runner;
  if (!ready) throw new Error('a chunk came before the settings');
  const { signal } = controller;
  const { chunk } = message;
  void mapBounded(message.jobs, message.lanes, (job) => ready.run(job, signal), throttled(chunk)).then((results) =>
    send({ type: 'results', chunk, results }),
  );
});

// The parent gone (closed, crashed, killed): nothing left to do here.
process.on('disconnect', () => {
  void (runner?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});

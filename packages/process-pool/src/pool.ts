import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import {
  describeOriginCap,
  dispatchChunks,
  errors,
  type Job,
  type JobResult,
  originCapRefusal,
  originShares,
  type Strategy,
  type StrategyOptions,
} from '@fanout/core';
import { workerLimits } from '@fanout/core/http';
import type { ChildSettings, FromChild, ToChild } from './protocol.js';

export interface ProcessPoolSettings {
  /** Path of the compiled child module. */
  readonly childFile: string;
  /** Jobs in flight in each process; one process per entry. */
  readonly lanes: readonly number[];
  readonly chunkSize: (jobs: number) => number;
  readonly description: string;
}

const START_DEADLINE_MS = 60_000;

interface Slot {
  child: ChildProcess;
  readonly lanes: number;
  /** What this slot's process (and its replacement) is started with: its share of the per-origin cap. */
  readonly settings: ChildSettings;
}

/** Forks one child and resolves once it said it is ready (its modules loaded, its runner made). */
async function startChild(file: string, settings: ChildSettings): Promise<ChildProcess> {
  const child = fork(file, [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // Settings go by IPC, not argument: a CA bundle like a system's (~220 KiB) is more than one argument may hold.
  child.send({ type: 'settings', settings } satisfies ToChild);
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`child process not ready within ${START_DEADLINE_MS} ms`)),
      START_DEADLINE_MS,
    );
    child.once('message', () => {
      clearTimeout(timer);
      resolve();
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`child process exited during start-up (${signal ?? `code ${code}`})`));
    });
  });
  await ready;
  return child;
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function stopChild(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return;
  const exited = once(child, 'exit');
  if (child.connected) child.disconnect();
  child.kill('SIGKILL');
  await exited;
}

/**
 * A pool of Node child processes, all started before this resolves: each a
 * whole Node with its own heap, event loop and connections. Jobs go out in
 * chunks through core's dispatcher (dispatchChunks), one IPC message per
 * chunk, each run with its process's lanes in flight: never more than W in
 * flight. A process that dies turns its chunk into WORKER_CRASHED and is
 * replaced before its slot takes another chunk.
 */
export async function createProcessPool(options: StrategyOptions, pool: ProcessPoolSettings): Promise<Strategy> {
  // Each process runs its own lanes, so each gets its own share of the per-origin cap (all of its lanes without one).
  const shares = originShares(pool.lanes, options.maxPerOrigin);
  if (shares === undefined) throw originCapRefusal('process-pool', pool.lanes.length, options.maxPerOrigin);
  const capped = describeOriginCap(
    shares.reduce((sum, share) => sum + share, 0),
    options.concurrency,
  );
  const settingsOf = (index: number): ChildSettings => ({
    limits: workerLimits(options),
    connections: shares[index] as number,
  });
  let slots: Slot[];
  try {
    const children = await Promise.allSettled(
      pool.lanes.map((_, index) => startChild(pool.childFile, settingsOf(index))),
    );
    const failed = children.find((result) => result.status === 'rejected');
    if (failed) {
      await Promise.all(
        children.map((result) => (result.status === 'fulfilled' ? stopChild(result.value) : undefined)),
      );
      throw failed.reason;
    }
    slots = children.map((result, index) => ({
      child: (result as PromiseFulfilledResult<ChildProcess>).value,
      lanes: pool.lanes[index] as number,
      settings: settingsOf(index),
    }));
  } catch (error) {
    throw errors.startupFailed('process-pool', error);
  }
  let chunks = 0;
  let closed = false;

  /**
   * Sends one chunk to the slot's process; its results, or a rejection saying how the process died. Its jobs are
   * reported to `onProgress` as the child reports them, the rest when the chunk ends.
   */
  const runChunk = (
    slot: Slot,
    jobs: readonly Job[],
    onProgress: ((finished: number) => void) | undefined,
  ): Promise<readonly JobResult[]> => {
    const chunk = chunks++;
    const { child } = slot;
    let reported = 0;
    const report = (finished: number) => {
      reported += finished;
      if (finished > 0) onProgress?.(finished);
    };
    return new Promise((resolve, reject) => {
      const onMessage = (message: FromChild) => {
        if (message.type === 'ready' || message.chunk !== chunk) return;
        if (message.type === 'progress') return report(message.finished);
        done();
        report(jobs.length - reported);
        resolve(message.results);
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        done();
        report(jobs.length - reported);
        reject(new Error(`child process died (${signal ?? `exit code ${code}`})`));
      };
      const done = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ type: 'chunk', chunk, jobs, lanes: slot.lanes } satisfies ToChild);
    });
  };

  return {
    configuration: capped ? `${pool.description}; ${capped}` : pool.description,
    reportsProgress: true,
    async run(jobs, signal, options) {
      const onAbort = () => {
        for (const slot of slots) if (slot.child.connected) slot.child.send({ type: 'abort' } satisfies ToChild);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        return await dispatchChunks(
          jobs,
          {
            workers: slots,
            chunkSize: pool.chunkSize(jobs.length),
            send: (slot, chunk) => runChunk(slot, chunk, options?.onProgress),
            // A dead process is replaced before its slot takes another chunk.
            revive: async (slot) => {
              if (!closed && hasExited(slot.child)) slot.child = await startChild(pool.childFile, slot.settings);
            },
          },
          signal,
        );
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((slot) => stopChild(slot.child)));
    },
  };
}

import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import type { FromLocalWorker, LocalWorkerArgs, PointDescriptor } from './protocol.js';
import { ENV } from './settings.js';

// dist/local-worker.js from both src/ (tests) and dist/ (built): the child runs compiled JS.
const WORKER_FILE = fileURLToPath(new URL('../dist/local-worker.js', import.meta.url));
const START_DEADLINE_MS = 60_000;

export interface LocalWorkers {
  /** Ids of every worker this point started, replacements included. */
  readonly ids: ReadonlySet<string>;
  /** Worker processes running now. */
  alive(): number;
  /** Why the last replacement could not start, if it could not. */
  readonly replacementError: () => string | undefined;
  /** Kills every worker and waits for its exit. Idempotent. */
  stop(): Promise<void>;
}

interface Options {
  readonly redisUrl: string;
  readonly point: PointDescriptor;
  /** Jobs in flight per worker, one worker per entry. */
  readonly lanes: readonly number[];
  /** Connections per origin per worker (shares of the per-origin cap), one per entry of lanes. */
  readonly connections: readonly number[];
  readonly queueTag: string;
  /** Module the children run (tests substitute one that can be told to crash). */
  readonly file?: string;
}

/** Forks one worker and resolves once it has joined the point (its BullMQ worker ready). */
async function startWorker(file: string, args: LocalWorkerArgs, redisUrl: string): Promise<ChildProcess> {
  const child = fork(file, [], {
    env: { ...process.env, [ENV.redisUrl]: redisUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // By IPC, not argument: the point's CA bundle may be a system's (~220 KiB), more than one argument may hold.
  child.send(args);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`queue worker not ready within ${START_DEADLINE_MS} ms`));
    }, START_DEADLINE_MS);
    child.once('message', (message: FromLocalWorker) => {
      clearTimeout(timer);
      if (message.type === 'ready') resolve();
      else reject(new Error(`queue worker failed to start: ${message.message}`));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`queue worker exited during start-up (${signal ?? `code ${code}`})`));
    });
  });
  return child;
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  // Disconnecting lets it leave the point cleanly; it is killed if it takes longer than a moment.
  if (child.connected) child.disconnect();
  const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
  await exited;
  clearTimeout(timer);
}

/**
 * The point's own worker processes, children of its process (so the harness
 * bills their CPU and memory to the point, as it does a process pool's). A
 * worker that dies is replaced, so the jobs it held (stalled) and the rest of
 * the batch still have workers to run them.
 */
export async function startLocalWorkers(options: Options): Promise<LocalWorkers> {
  const file = options.file ?? WORKER_FILE;
  const ids = new Set<string>();
  const children = new Set<ChildProcess>();
  const replacing = new Set<Promise<unknown>>();
  let stopping = false;
  let serial = 0;
  let replacementError: string | undefined;

  const launch = async (index: number): Promise<ChildProcess> => {
    const id = `local-${process.pid}-${options.queueTag}-${serial++}`;
    ids.add(id);
    const concurrency = options.lanes[index] as number;
    const connections = options.connections[index] as number;
    const args: LocalWorkerArgs = { id, point: options.point, concurrency, connections };
    const child = await startWorker(file, args, options.redisUrl);
    children.add(child);
    child.once('exit', () => {
      children.delete(child);
      if (stopping) return;
      const replacement = launch(index).then(
        () => {
          replacementError = undefined;
        },
        (error: unknown) => {
          replacementError = (error as Error).message;
        },
      );
      replacing.add(replacement);
      void replacement.finally(() => replacing.delete(replacement));
    });
    return child;
  };

  const started = await Promise.allSettled(options.lanes.map((_, index) => launch(index)));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    stopping = true;
    await Promise.all([...children].map(stopWorker));
    throw failed.reason;
  }
  let stopped: Promise<void> | undefined;
  return {
    ids,
    alive: () => children.size,
    replacementError: () => replacementError,
    stop() {
      stopping = true;
      // A replacement still starting joins the others before they are all stopped.
      stopped ??= Promise.allSettled([...replacing])
        .then(() => Promise.all([...children].map(stopWorker)))
        .then(() => undefined);
      return stopped;
    },
  };
}

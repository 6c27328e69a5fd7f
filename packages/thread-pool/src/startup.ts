import type { Piscina } from 'piscina';
import type { WorkerReply, WorkerTask } from './protocol.js';

const STARTUP_DEADLINE_MS = 120_000;

/**
 * Starts every thread before timing begins: `parties` barrier tasks that each
 * block their worker until all have arrived, so each lands on a different,
 * fully loaded thread.
 */
export async function startAll(pool: Piscina<WorkerTask, WorkerReply>, parties: number): Promise<void> {
  const counter = new SharedArrayBuffer(4);
  const deadline = Date.now() + STARTUP_DEADLINE_MS;
  const threadIds = await Promise.all(
    Array.from({ length: parties }, () => pool.run({ kind: 'barrier', counter, parties, deadline })),
  );
  const distinct = new Set(threadIds).size;
  if (distinct !== parties) throw new Error(`expected ${parties} distinct threads, got ${distinct}`);
}

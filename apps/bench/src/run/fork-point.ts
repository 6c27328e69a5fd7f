import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatMs } from '../format.js';
import { killProcessTree } from '../harness/process-tree.js';
import type { RunRecord } from '../model/schema.js';
import type { WatchedPhase } from './deadline.js';
import { ABORT_MESSAGE, childMessageSchema, type PointPlanMessage } from './messages.js';
import { POINT_NODE_FLAGS } from './point-flags.js';
import { pointKey } from './point-key.js';
import { watchdog } from './watchdog.js';

const CHILD_ENTRY = fileURLToPath(new URL('./point-child.js', import.meta.url));
/** After its result, the child has this long to exit (its strategy is closed by then). */
const EXIT_GRACE_MS = 10_000;
/** After Ctrl-C, the child has this long to answer with the interrupted point. */
const ABORT_GRACE_MS = 15_000;
/** Characters of the child's stderr kept to name why it crashed. */
const STDERR_TAIL = 2000;

export interface ForkPointOptions {
  readonly plan: Omit<PointPlanMessage, 'type'>;
  /**
   * How long the point may go without a sign of life in each phase before it is judged hung and its process tree
   * killed (see silenceAllowedMs).
   */
  readonly silenceAllowedMs: (phase: WatchedPhase, reportsProgress: boolean) => number;
  /** Ctrl-C: the child is asked to stop and answer with the interrupted point. */
  readonly signal: AbortSignal;
  readonly onBatch?: (done: number, planned: number) => void;
  /** Variables added to the child's environment (the queue strategy's Redis and workers); it inherits the rest. */
  readonly env?: Readonly<Record<string, string>>;
  /** The child's entry module (tests point it at the built file). */
  readonly entry?: string;
}

/**
 * Runs one point in a fresh child process and reads its one result, the way
 * hyperfine runs whole processes: memory, CPU, GC and JIT state, sockets and
 * threads belong to that point alone. A child that crashes, goes silent for
 * longer than its phase allows (no job finished, no batch, no phase begun) or
 * answers nonsense becomes a skipped point naming why; never an exception, so
 * the next point runs as if nothing happened.
 */
export function forkPoint(options: ForkPointOptions): Promise<RunRecord> {
  const { plan, signal } = options;
  const key = pointKey(plan.manifest.name, plan.concurrency, plan.jobs.length);
  // Its own process group (detached), so a hang kills everything it started, and a terminal's Ctrl-C reaches only
  // the orchestrator, which forwards it as a message. Its stdout goes to our stderr: stdout is the table.
  const child = spawn(process.execPath, [...POINT_NODE_FLAGS, options.entry ?? CHILD_ENTRY], {
    detached: process.platform !== 'win32',
    stdio: ['ignore', 2, 'pipe', 'ipc'],
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
  });
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderrTail = (stderrTail + chunk.toString()).slice(-STDERR_TAIL);
  });
  let result: RunRecord | undefined;
  let verdict: string | undefined;
  let timers: NodeJS.Timeout[] = [];
  const killAfter = (ms: number, why: string | undefined) => {
    const timer = setTimeout(() => {
      verdict ??= why;
      killProcessTree(child);
    }, ms);
    timers.push(timer);
  };
  const clearTimers = () => {
    for (const timer of timers) clearTimeout(timer);
    timers = [];
  };
  let phase: WatchedPhase = 'start-up';
  let reportsProgress = false;
  const watch = watchdog(options.silenceAllowedMs(phase, reportsProgress), (allowedMs) => {
    verdict ??= `timed out: ${SILENCE[phase]} for ${formatMs(allowedMs)}; its processes were killed`;
    killProcessTree(child);
  });
  // A second Ctrl-C exits this process at once: the point's processes must not outlive it.
  const onParentExit = () => killProcessTree(child);
  process.on('exit', onParentExit);
  const onAbort = () => {
    if (result !== undefined) return;
    if (child.connected) child.send(ABORT_MESSAGE);
    killAfter(ABORT_GRACE_MS, `interrupted: no answer within ${formatMs(ABORT_GRACE_MS)}; its processes were killed`);
  };

  child.on('message', (raw: unknown) => {
    const message = childMessageSchema.safeParse(raw);
    if (!message.success) {
      verdict ??= 'error: the point process sent a message that is not part of the protocol';
      killProcessTree(child);
    } else if (message.data.type === 'phase') {
      ({ phase, reportsProgress } = message.data);
      watch.alive(options.silenceAllowedMs(phase, reportsProgress));
    } else if (message.data.type === 'progress') {
      watch.alive();
    } else if (message.data.type === 'batch') {
      watch.alive();
      options.onBatch?.(message.data.done, message.data.planned);
    } else if (result === undefined) {
      result = message.data.run;
      // The result is in: no watchdog any more, only a limit on how long the child may take to exit.
      watch.stop();
      clearTimers();
      killAfter(EXIT_GRACE_MS, undefined);
    }
  });
  if (child.connected) child.send({ type: 'plan', ...plan } satisfies PointPlanMessage);
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });

  return new Promise<RunRecord>((resolve) => {
    let settled = false;
    const settle = (run: RunRecord) => {
      if (settled) return;
      settled = true;
      watch.stop();
      clearTimers();
      signal.removeEventListener('abort', onAbort);
      process.off('exit', onParentExit);
      // Anything the child started and left behind in its group goes with it.
      killProcessTree(child);
      resolve(run);
    };
    child.once('error', (error) => {
      verdict ??= `error: the point's process failed: ${error.message}`;
      // Never started: no 'exit' will follow.
      if (child.pid === undefined) settle({ ...key, skipped: verdict });
    });
    child.once('exit', (code, exitSignal) => {
      if (result && verdict === undefined) return settle(result);
      const reason = verdict ?? (exitSignal ? `crashed: killed by ${exitSignal}` : `crashed: exit code ${code}`);
      settle({ ...key, skipped: `${reason}${lastLine(stderrTail)}` });
    });
  });
}

/** What the point's process did not do for too long, by the phase it was in. */
const SILENCE: Record<WatchedPhase, string> = {
  'start-up': 'its strategy was not ready',
  'warm-up': 'no job finished in its warm-up',
  timed: 'no job finished in its timed batches',
  closing: 'no result after its last batch',
};

/** The child's last words, if any, to say why it crashed. */
function lastLine(text: string): string {
  const line = text
    .trim()
    .split('\n')
    .map((part) => part.trim())
    .filter(Boolean)
    .pop();
  return line ? ` (${line.slice(0, 200)})` : '';
}

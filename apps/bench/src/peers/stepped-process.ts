import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { lastLine } from './spawn-json.js';

/** A peer's process driven one step at a time: a JSON line in on stdin, a JSON line back on stdout. */
export interface SteppedProcess {
  /** Sends one step and resolves with the process's next line, parsed as JSON; rejects when the process is gone. */
  ask(step: unknown): Promise<unknown>;
  /** Ends its stdin (the process's cue to finish) and waits for it to exit. */
  close(): Promise<void>;
}

export function startStepped(command: string, args: readonly string[], signal: AbortSignal): SteppedProcess {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], signal });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-10_000);
  });
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  const unread: string[] = [];
  let gone: Error | undefined;
  const fail = (error: Error) => {
    gone ??= error;
    for (const reader of waiting.splice(0)) reader.reject(gone);
  };
  createInterface({ input: child.stdout, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
    const reader = waiting.shift();
    if (reader) reader.resolve(line);
    else unread.push(line);
  });
  // A process that died leaves a write to its stdin with EPIPE: the step's answer reports it.
  child.stdin.on('error', () => undefined);
  child.once('error', (error) => fail(error.name === 'AbortError' ? new Error('stopped') : error));
  const exited = new Promise<void>((resolve) => {
    child.once('close', (code, signalName) => {
      fail(new Error(`exited (${signalName ?? `code ${code}`}): ${lastLine(stderr)}`));
      resolve();
    });
  });
  return {
    async ask(step) {
      if (gone) throw gone;
      child.stdin.write(`${JSON.stringify(step)}\n`);
      const line =
        unread.shift() ?? (await new Promise<string>((resolve, reject) => waiting.push({ resolve, reject })));
      try {
        return JSON.parse(line) as unknown;
      } catch {
        throw new Error(`answered ${JSON.stringify(line.slice(0, 200))} instead of a JSON line`);
      }
    },
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}

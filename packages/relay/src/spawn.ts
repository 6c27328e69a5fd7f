import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { RelayOptions } from './options.js';

// The built bin, found the same way from dist/ (the bench) and from src/ (tests run the source, the bin built).
const RELAY_BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export interface RelayProcess {
  /** The target's URL with the relay's port in place of the target's. */
  readonly url: string;
  readonly pid: number | undefined;
  /** Stops the relay's process (SIGTERM) and waits for it to exit; safe to call twice. */
  close(): Promise<void>;
}

/** The command line of the relay's bin for these options. */
export function relayArgs(options: RelayOptions): string[] {
  return [
    '--target',
    options.target,
    '--rtt',
    String(options.rttMs),
    ...(options.bandwidthMbit === undefined ? [] : ['--bandwidth', String(options.bandwidthMbit)]),
    ...(options.host === undefined ? [] : ['--host', options.host]),
    ...(options.port === undefined ? [] : ['--port', String(options.port)]),
    ...(options.allowRemoteTarget ? ['--allow-remote'] : []),
  ];
}

/**
 * Starts the relay in its own process, so its CPU (timers, copies) is billed to no strategy, and reads its URL from
 * the first stdout line. The child has its own process group (a terminal's Ctrl-C reaches only the parent, which
 * stops it in order) and an IPC channel only so it exits by itself if the parent dies.
 */
export async function spawnRelay(options: RelayOptions): Promise<RelayProcess> {
  const child = spawn(process.execPath, [RELAY_BIN, ...relayArgs(options)], {
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const url = await firstLine(child);
  let closing: Promise<void> | undefined;
  return {
    url,
    pid: child.pid,
    close() {
      closing ??= new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
      return closing;
    },
  };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const onExit = (code: number | null) => reject(new Error(`fanout-relay exited (code ${code}): ${stderr.trim()}`));
    child.once('exit', onExit);
    child.once('error', reject);
    if (child.stdout === null) throw new Error('fanout-relay started without a stdout pipe');
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (line) => {
      child.off('exit', onExit);
      // Nothing else is printed, but keep the pipe drained so the child never blocks on it.
      lines.on('line', () => undefined);
      resolve(line);
    });
  });
}

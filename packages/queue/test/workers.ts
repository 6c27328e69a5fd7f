import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../dist/worker-bin.js', import.meta.url));

export interface StartedWorker {
  readonly child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  readonly output: () => string;
  /** SIGTERM, then its exit code. */
  stop(): Promise<number | null>;
}

/** Starts `fanout-queue-worker` as a user would, independently of any point; resolves once it is waiting for points. */
export async function startWorkerBin(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<StartedWorker> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (/waiting for points/.test(output)) resolve();
    };
    child.stderr?.on('data', check);
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${output}`)));
  });
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}

/** Runs the bin to its end (for usage errors): exit code and output. */
export async function runWorkerBin(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

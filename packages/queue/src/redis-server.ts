import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * A real Redis for tests and benchmark runs: Debian's `redis-server` on a
 * random loopback port, in its own process group, persistence off, with a
 * password made for this run, stopped (and its folder removed) by `stop()`.
 */
export interface EmbeddedRedis {
  /** redis://:password@127.0.0.1:port — holds the password: never print it (see redact.ts). */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** Stops the server and removes its folder. Idempotent. */
  stop(): Promise<void>;
}

export const REDIS_SERVER_HINT = 'redis-server is not on PATH (Debian: apt-get install redis-server)';

/** The redis-server executable on PATH (or FANOUT_REDIS_SERVER), or undefined. */
export function findRedisServer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const explicit = env.FANOUT_REDIS_SERVER;
  const candidates = explicit
    ? [explicit]
    : (env.PATH ?? '').split(delimiter).flatMap((dir) => (dir ? [join(dir, 'redis-server')] : []));
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** Why an embedded Redis cannot start here, or undefined when it can. */
export function redisServerMissing(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return findRedisServer(env) === undefined ? REDIS_SERVER_HINT : undefined;
}

/** A loopback port free a moment ago (Redis cannot listen on port 0 and say which port it got). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const READY = /Ready to accept connections/;
const START_DEADLINE_MS = 10_000;

/** Starts redis-server once on `port`; resolves when it accepts connections, rejects with its last output. */
function startOn(file: string, port: number, password: string, dir: string): Promise<ChildProcess> {
  // The configuration goes in on stdin, so the password is not in the process's arguments (visible in `ps`).
  const config = [
    `port ${port}`,
    'bind 127.0.0.1',
    'protected-mode yes',
    'save ""',
    'appendonly no',
    `dir ${dir}`,
    `requirepass ${password}`,
    // BullMQ's keys must never be evicted.
    'maxmemory-policy noeviction',
    'loglevel notice',
    'daemonize no',
  ].join('\n');
  const child = spawn(file, ['-'], { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin?.end(`${config}\n`);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(`not ready within ${START_DEADLINE_MS} ms`), START_DEADLINE_MS);
    const fail = (why: string) => {
      clearTimeout(timer);
      killGroup(child, 'SIGKILL');
      const tail = output.trim().split('\n').slice(-3).join(' | ').split(password).join('***');
      reject(new Error(`redis-server ${why}${tail ? `: ${tail}` : ''}`));
    };
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      if (READY.test(output)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        child.off('exit', onExit);
        // Keep draining its output so a full pipe never blocks it.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(child);
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
      fail(`exited during start-up (${signal ?? `code ${code}`})`);
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
    child.once('error', (error) => fail(`could not start: ${error.message}`));
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

/**
 * Starts an embedded redis-server. Throws the install hint when there is none,
 * and retries on another port when the one picked was taken in between.
 */
export async function startRedisServer(env: NodeJS.ProcessEnv = process.env): Promise<EmbeddedRedis> {
  const file = findRedisServer(env);
  if (file === undefined) throw new Error(REDIS_SERVER_HINT);
  const password = randomBytes(18).toString('base64url');
  const dir = mkdtempSync(join(tmpdir(), 'fanout-redis-'));
  let child: ChildProcess | undefined;
  let port = 0;
  let lastError: unknown;
  for (let attempt = 0; attempt < 5 && child === undefined; attempt++) {
    port = await freePort();
    child = await startOn(file, port, password, dir).catch((error: unknown) => {
      lastError = error;
      return undefined;
    });
  }
  if (child === undefined) {
    rmSync(dir, { recursive: true, force: true });
    throw lastError instanceof Error ? lastError : new Error(String(lastError));
  }
  const running = child;
  // Whatever happens to this process, the server does not outlive it.
  const onExit = () => killGroup(running, 'SIGKILL');
  process.on('exit', onExit);
  let stopped: Promise<void> | undefined;
  return {
    url: `redis://:${password}@127.0.0.1:${port}`,
    port,
    pid: running.pid ?? 0,
    stop() {
      stopped ??= (async () => {
        process.off('exit', onExit);
        if (running.exitCode === null && running.signalCode === null) {
          const exited = new Promise((resolve) => running.once('exit', resolve));
          // Persistence is off, so SIGTERM is a quick clean shutdown; SIGKILL if it is not.
          killGroup(running, 'SIGTERM');
          const timer = setTimeout(() => killGroup(running, 'SIGKILL'), 3000);
          await exited;
          clearTimeout(timer);
        }
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

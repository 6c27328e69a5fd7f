import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type EmbeddedRedis, startRedisServer } from '@fanout/queue/redis-server';
import { afterAll, beforeAll, vi } from 'vitest';
import { type CompletedRun, isSkipped, type Report, reportSchema } from '../src/model/schema.js';
import { CLI } from './cli-helper.js';

/** The environment of the test without any Redis of the developer's own (the run must use what the test gives it). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  if (extra.FANOUT_REDIS_URL === undefined) delete env.FANOUT_REDIS_URL;
  return env;
}

export interface CliWorker {
  readonly child: ChildProcess;
  stderr(): string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
}

/** A `fanout worker` started as a user would, its Redis URL in the environment (kept out of argv). */
export async function startCliWorker(redisUrl: string, args: readonly string[] = []): Promise<CliWorker> {
  const child = spawn(process.execPath, [CLI, 'worker', ...args], {
    env: cleanEnv({ FANOUT_REDIS_URL: redisUrl }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout?.resume();
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  await vi.waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`fanout worker exited: ${stderr}`);
      if (!stderr.includes('waiting for points')) throw new Error('not connected yet');
    },
    { timeout: 20_000, interval: 50 },
  );
  return { child, stderr: () => stderr, exited };
}

export function readReport(dir: string): Report {
  return reportSchema.parse(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')));
}

/** The completed point of `strategy` at W, or a failed expectation naming why it is missing. */
export function completed(report: Report, strategy: string, concurrency: number): CompletedRun {
  const run = report.runs.find((one) => one.strategy === strategy && one.concurrency === concurrency);
  if (!run || isSkipped(run)) throw new Error(`${strategy} W=${concurrency} did not complete: ${JSON.stringify(run)}`);
  return run;
}

/** A Redis URL whose password is shown: anything but the redacted form. */
export const SHOWN_PASSWORD = /rediss?:\/\/[^\s*@/]*:[^\s*@/]+@/;

/** One redis-server for the enclosing describe block: started before its tests, stopped after. */
export function useRedisServer(): () => EmbeddedRedis {
  let redis: EmbeddedRedis | undefined;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  return () => {
    if (!redis) throw new Error('redis-server not started');
    return redis;
  };
}

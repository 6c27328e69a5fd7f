import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CompletedRun, isSkipped, type Report, reportSchema } from '../src/model/schema.js';

export const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real, built CLI in a child process. */
export function startCli(
  args: readonly string[],
  cwd = tempDir(),
  env: NodeJS.ProcessEnv = process.env,
): { child: ChildProcess; done: Promise<CliResult>; stderr: () => string } {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const done = new Promise<CliResult>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  // stderr so far, for tests that wait for a progress line before acting.
  return { child, done, stderr: () => stderr };
}

export function runCli(args: readonly string[], cwd?: string, env?: NodeJS.ProcessEnv): Promise<CliResult> {
  return startCli(args, cwd, env).done;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'fanout-test-'));
}

/** The report a CLI run wrote to `cwd`/`dir`, checked against the schema, and its completed (not skipped) points. */
export function readRunReport(cwd: string, dir = 'out'): { report: Report; runs: CompletedRun[] } {
  const report = reportSchema.parse(JSON.parse(readFileSync(join(cwd, dir, 'report.json'), 'utf8')));
  return { report, runs: report.runs.filter((run): run is CompletedRun => !isSkipped(run)) };
}

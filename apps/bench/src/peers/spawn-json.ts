import { spawn } from 'node:child_process';

export interface Spawned {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a peer program to the end (or until `signal`), collecting its output; never rejects for a non-zero exit. */
export function runProgram(command: string, args: readonly string[], signal: AbortSignal): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], signal });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', (error) => {
      if ((error as { name?: string }).name === 'AbortError') resolve({ code: null, stdout, stderr });
      else reject(error);
    });
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The last line of `output` that parses as a JSON object, or undefined. */
export function lastJsonLine(output: string): unknown {
  const lines = output.trim().split('\n').reverse();
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    try {
      return JSON.parse(line);
    } catch {
      // not this line
    }
  }
  return undefined;
}

/** The last non-empty line of a program's stderr, for a failure message. */
export function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.slice(0, 300) ?? '';
}

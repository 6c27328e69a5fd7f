import { describe, expect, it } from 'vitest';
import { startCli } from './cli-helper.js';

// Like `fanout … | head -1` with the reader already gone: closing our end of the pipe before the CLI writes
// makes its first stdout write fail with EPIPE every time, not only when the output outgrows the pipe buffer.
async function withReaderGone(args: readonly string[]) {
  const { child, done } = startCli(args);
  child.stdout?.destroy();
  return done;
}

describe('a closed stdout pipe is not a crash', () => {
  it.each(['run --help', 'list'])('fanout %s exits 0 without a stack trace', async (command) => {
    const result = await withReaderGone(command.split(' '));
    expect(result.stderr).toBe('');
    expect(result.signal).toBeNull();
    expect(result.code).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { runCli } from './cli-helper.js';

describe('fanout list', () => {
  it('prints one line per discovered strategy: name, package, description', async () => {
    const result = await runCli(['list']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.map((line) => line.split(/\s+/).slice(0, 2))).toEqual(
      expect.arrayContaining([
        ['async', '@fanout/async'],
        ['sequential', '@fanout/sequential'],
        ['thread-pool', '@fanout/thread-pool'],
        // One package, several strategies: package.json's fanout.strategy may be an array.
        ['thread-pool-chunked', '@fanout/thread-pool'],
        ['thread-pool-hybrid', '@fanout/thread-pool'],
      ]),
    );
    for (const line of lines) expect(line.split(/\s{2,}/)).toHaveLength(3);
  });
});

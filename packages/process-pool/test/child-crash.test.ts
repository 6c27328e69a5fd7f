import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { jobsFor, withServer } from '@fanout/conformance';
import { parseStrategyOptions } from '@fanout/core';
import { describe, expect, it } from 'vitest';
import { createProcessPool } from '../src/index.js';

const CRASHING_CHILD = fileURLToPath(new URL('./fixtures/crashing-child.mjs', import.meta.url));

/** Live child processes of this process (Linux `ps`). */
function children(): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(process.pid)])
      .toString()
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0);
  } catch {
    return [];
  }
}

describe('process-pool: a child that dies mid-chunk', () => {
  it('turns exactly its chunk into WORKER_CRASHED, is replaced, the batch completes, and close() leaves no process', async () => {
    await withServer(async (server) => {
      const before = children().length;
      const strategy = await createProcessPool(parseStrategyOptions({ concurrency: 4 }), {
        childFile: CRASHING_CHILD,
        lanes: [2, 2],
        chunkSize: () => 8,
        description: 'test',
      });
      try {
        expect(children().length).toBe(before + 2);
        // 40 jobs in chunks of 8: job 13 sits in the chunk of jobs 8–15.
        const queries = Array.from({ length: 40 }, (_, i) => (i === 13 ? { crash: 'exit' } : {}));
        const results = await strategy.run(jobsFor(server, queries));
        expect(results.map((r) => r.id)).toEqual(queries.map((_, i) => i));
        const crashed = results.flatMap((r) => (!r.ok && r.error.code === 'WORKER_CRASHED' ? [r.id] : []));
        expect(crashed).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
        expect(results.filter((r) => r.ok)).toHaveLength(32);
        // The pool is whole again: a second batch runs entirely, on two processes.
        const again = await strategy.run(
          jobsFor(
            server,
            Array.from({ length: 16 }, () => ({})),
          ),
        );
        expect(again.every((r) => r.ok)).toBe(true);
        expect(children().length).toBe(before + 2);
      } finally {
        await strategy.close();
      }
      expect(children().length).toBe(before);
    });
  });
});

import { describe, expect, it } from 'vitest';
import { type ChunkPool, dispatchChunks, type Job, type JobResult } from '../src/index.js';

const jobs = (n: number): Job[] => Array.from({ length: n }, (_, id) => ({ id, url: `http://127.0.0.1:9/${id}` }));
const ok = (job: Job): JobResult => ({
  id: job.id,
  ok: true,
  status: 200,
  bytes: 1,
  startMs: 0,
  endMs: 0,
  attempts: 1,
});

/** Workers that answer each chunk after a random few ticks, counting the jobs and chunks they hold at once. */
function countingPool(workers: readonly number[], chunkSize: number) {
  let inFlight = 0;
  let chunksOut = 0;
  const peak = { jobs: 0, chunks: 0 };
  const sent: number[][] = [];
  const pool: ChunkPool<number> = {
    workers,
    chunkSize,
    async send(lanes, chunk) {
      sent.push(chunk.map((job) => job.id));
      chunksOut++;
      inFlight += Math.min(lanes, chunk.length);
      peak.jobs = Math.max(peak.jobs, inFlight);
      peak.chunks = Math.max(peak.chunks, chunksOut);
      for (let tick = Math.floor(Math.random() * 5); tick > 0; tick--) await Promise.resolve();
      inFlight -= Math.min(lanes, chunk.length);
      chunksOut--;
      return chunk.map(ok);
    },
  };
  return { pool, peak, sent };
}

describe('the pools’ chunk dispatcher', () => {
  it('returns one result per job in job order, never more than one chunk per worker nor W jobs in flight', async () => {
    for (const workers of [[1], [2, 2], [3, 2, 2], [25, 25]]) {
      for (const size of [1, 3, 8, 1024]) {
        for (const n of [0, 1, 7, 50, 333]) {
          const { pool, peak, sent } = countingPool(workers, size);
          const results = await dispatchChunks(jobs(n), pool);
          expect(results.map((result) => result.id)).toEqual(jobs(n).map((job) => job.id));
          expect(peak.chunks).toBeLessThanOrEqual(workers.length);
          expect(peak.jobs).toBeLessThanOrEqual(workers.reduce((sum, lanes) => sum + lanes, 0));
          expect(sent.flat().sort((a, b) => a - b)).toEqual(jobs(n).map((job) => job.id));
          expect(sent.every((chunk) => chunk.length <= size)).toBe(true);
        }
      }
    }
  });

  it('turns exactly the chunk of a worker that died into WORKER_CRASHED, with how it died', async () => {
    const pool: ChunkPool<string> = {
      workers: ['a', 'b'],
      chunkSize: 4,
      send: async (_worker, chunk) => {
        if (chunk.some((job) => job.id === 9)) throw new Error('child process died (SIGKILL)');
        return chunk.map(ok);
      },
    };
    const results = await dispatchChunks(jobs(20), pool);
    const crashed = results.flatMap((result) =>
      result.ok ? [] : [[result.id, result.error.code, result.error.message]],
    );
    expect(crashed).toEqual([8, 9, 10, 11].map((id) => [id, 'WORKER_CRASHED', 'child process died (SIGKILL)']));
    expect(results.filter((result) => result.ok)).toHaveLength(16);
  });

  it('sends nothing after the signal aborts: the chunks not yet sent end as ABORTED', async () => {
    const controller = new AbortController();
    let sent = 0;
    const pool: ChunkPool<number> = {
      workers: [1],
      chunkSize: 5,
      send: async (_lanes, chunk) => {
        sent++;
        if (sent === 2) controller.abort();
        return chunk.map(ok);
      },
    };
    const results = await dispatchChunks(jobs(20), pool, controller.signal);
    expect(sent).toBe(2);
    expect(results.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual([
      ...Array(10).fill('ok'),
      ...Array(10).fill('ABORTED'),
    ]);
  });

  it('revives a worker before each of its chunks, and fails the batch when a worker cannot be revived', async () => {
    const revived: string[] = [];
    const pool: ChunkPool<string> = {
      workers: ['a'],
      chunkSize: 2,
      send: async (_worker, chunk) => chunk.map(ok),
      revive: (worker) => {
        revived.push(worker);
      },
    };
    await dispatchChunks(jobs(6), pool);
    expect(revived).toEqual(['a', 'a', 'a']);
    const broken = { ...pool, revive: async () => Promise.reject(new Error('cannot start')) };
    await expect(dispatchChunks(jobs(6), broken)).rejects.toThrow('cannot start');
  });
});

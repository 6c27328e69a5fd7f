import { fork } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { bareDispatchLoop } from '../src/bare/index.js';
import type { Job } from '../src/contract.js';
import { createJobRunner, poolTransport } from '../src/http/index.js';

/**
 * What survives the scavenges, by where it was allocated: V8's sampling heap profiler told to keep the samples of
 * objects a full collection freed but drop those a scavenge freed (`includeObjectsCollectedByMajorGC: true`,
 * `includeObjectsCollectedByMinorGC: false`), so its profile is what the young generation promoted (or still held at
 * the end), attributed to the JavaScript stack that allocated it. Run it once for the bare dispatch loop and once for
 * the job runner (`--mode bare|runner`), each in a fresh process against a fixture server in its own, W = 50, 1 KiB:
 * two untimed batches, one full collection, then `--batches` sampled ones. The sampling itself costs CPU: read
 * bytes, not times.
 *
 *   node packages/core/dist-bench/bench/promoted.js --mode runner [--batches 5] [--json out.json]
 */
const { values: flags } = parseArgs({
  options: {
    mode: { type: 'string', default: 'runner' },
    jobs: { type: 'string', default: '20000' },
    batches: { type: 'string', default: '5' },
    interval: { type: 'string', default: '4096' },
    top: { type: 'string', default: '25' },
    json: { type: 'string' },
    // Empty each batch's result array once read, as the point's harness does (point.ts).
    truncate: { type: 'boolean', default: false },
  },
});
const mode = flags.mode;
if (mode !== 'bare' && mode !== 'runner') throw new Error(`--mode must be bare or runner, got ${mode}`);
const JOBS = Number(flags.jobs);
const BATCHES = Number(flags.batches);
const CONCURRENCY = 50;
const limits = { timeoutMs: 30_000, maxBodyBytes: 64 * 1024 * 1024, maxRedirects: 5, retries: 0 };

interface Frame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}
interface ProfileNode {
  readonly callFrame: Frame;
  readonly selfSize: number;
  readonly children: readonly ProfileNode[];
}

const where = (frame: Frame): string =>
  `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/packages\//, '')}:${frame.lineNumber + 1}`;

/** Bytes by the allocating frame and the two frames that called it (the innermost frames name the site). */
function bySite(head: ProfileNode): Map<string, number> {
  const sites = new Map<string, number>();
  const walk = (node: ProfileNode, stack: readonly string[]) => {
    const here = [...stack, where(node.callFrame)];
    if (node.selfSize > 0) {
      const key = here.slice(-3).join(' ← ');
      sites.set(key, (sites.get(key) ?? 0) + node.selfSize);
    }
    for (const child of node.children) walk(child, here);
  };
  walk(head, []);
  return sites;
}

const oldSpaceUsed = (): number =>
  getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')?.space_used_size ?? 0;

const child = fork(fileURLToPath(new URL('./server-child.js', import.meta.url)), ['1024'], { stdio: 'inherit' });
const [url] = (await once(child, 'message')) as [string];
const jobs: Job[] = Array.from({ length: JOBS }, (_, id) => ({ id, url: `${url}/page` }));
const bare = bareDispatchLoop([`${url}/page`], CONCURRENCY);
const runner = createJobRunner(poolTransport({ ...limits, connections: CONCURRENCY }), limits);
const batch = async (): Promise<void> => {
  if (mode === 'bare') {
    const counts = await bare.run(JOBS, CONCURRENCY);
    if (counts.succeeded !== JOBS) throw new Error(`bare: ${counts.failed} failed`);
    return;
  }
  const results = await runner.runBatch(jobs, CONCURRENCY);
  if (results.some((result) => !result.ok)) throw new Error('runner: a job failed');
  if (flags.truncate) results.length = 0;
};

try {
  await batch();
  await batch();
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.enable');
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: Number(flags.interval),
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: false,
  });
  const oldSpace: number[] = [oldSpaceUsed()];
  for (let index = 0; index < BATCHES; index++) {
    await batch();
    oldSpace.push(oldSpaceUsed());
  }
  const { profile } = (await session.post('HeapProfiler.stopSampling')) as unknown as {
    profile: { head: ProfileNode };
  };
  session.disconnect();
  const sites = [...bySite(profile.head)].sort((a, b) => b[1] - a[1]);
  const total = sites.reduce((sum, [, bytes]) => sum + bytes, 0);
  const perBatch = (bytes: number) => bytes / BATCHES / 1024;
  const top = sites.slice(0, Number(flags.top)).map(([site, bytes]) => ({ site, kbPerBatch: perBatch(bytes) }));
  process.stdout.write(
    `${mode}: ${perBatch(total).toFixed(0)} KB a batch survived a scavenge; old space ${oldSpace.map((bytes) => (bytes / 2 ** 20).toFixed(1)).join(' → ')} MB\n`,
  );
  for (const { site, kbPerBatch } of top) process.stdout.write(`${kbPerBatch.toFixed(0).padStart(7)} KB  ${site}\n`);
  if (flags.json) {
    const out = {
      mode,
      jobs: JOBS,
      batches: BATCHES,
      node: process.version,
      kbPerBatch: perBatch(total),
      oldSpace,
      top,
    };
    await writeFile(flags.json, `${JSON.stringify(out, null, 2)}\n`);
  }
} finally {
  await Promise.all([bare.close(), runner.close()]);
  child.disconnect();
}

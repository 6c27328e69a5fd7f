import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { WHOLE_WARM_UP_BATCHES } from '../run/warm-up.js';
import { runAutocannonBatch } from './autocannon-batch.js';
import { runUndiciPoolBatch } from './undici-pool-batch.js';

/**
 * A Node peer in its own process (like every point): `node node-child.js
 * '<json>'`, one JSON line on stdout with the batch times. As many untimed
 * whole batches first as a point gets (WHOLE_WARM_UP_BATCHES), then `batches`
 * timed ones.
 */
const planSchema = z.object({
  peer: z.enum(['undici-pool', 'autocannon']),
  urls: z.array(z.string()).min(1),
  jobs: z.number().int().min(1),
  concurrency: z.number().int().min(1),
  batches: z.number().int().min(1),
  timeoutMs: z.number().int().min(1),
});

export type NodePeerPlan = z.infer<typeof planSchema>;

export interface BatchOutcome {
  readonly succeeded: number;
  readonly failed: number;
  readonly latencyMs?: { p50: number; p90: number; p99: number; max: number };
}

const plan = planSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
const runBatch = plan.peer === 'undici-pool' ? runUndiciPoolBatch : runAutocannonBatch;
for (let warm = 0; warm < WHOLE_WARM_UP_BATCHES; warm++) await runBatch(plan);
const batchesMs: number[] = [];
let last: BatchOutcome = { succeeded: 0, failed: 0 };
for (let batch = 0; batch < plan.batches; batch++) {
  const started = performance.now();
  last = await runBatch(plan);
  batchesMs.push(performance.now() - started);
}
process.stdout.write(`${JSON.stringify({ batchesMs, ...last })}\n`);
process.exit(0);

import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Peer, PeerMeasurement, PeerPlan } from './peer.js';
import { lastJsonLine, lastLine, runProgram } from './spawn-json.js';

// dist/peers/node-child.js from both src/peers (tests) and dist/peers (built): the child runs compiled JS.
const CHILD = fileURLToPath(new URL('../../dist/peers/node-child.js', import.meta.url));

const outputSchema = z.object({
  batchesMs: z.array(z.number().min(0)).min(1),
  succeeded: z.number().int().min(0),
  failed: z.number().int().min(0),
  latencyMs: z.object({ p50: z.number(), p90: z.number(), p99: z.number(), max: z.number() }).optional(),
});

/** Runs a Node peer in its own process, as points are, and reads its one JSON line. */
async function runNodePeer(peer: 'undici-pool' | 'autocannon', plan: PeerPlan): Promise<z.infer<typeof outputSchema>> {
  const { signal, ...rest } = plan;
  const result = await runProgram(process.execPath, [CHILD, JSON.stringify({ peer, ...rest })], signal);
  const parsed = outputSchema.safeParse(lastJsonLine(result.stdout));
  if (!parsed.success) throw new Error(`${peer} gave no result (exit ${result.code}): ${lastLine(result.stderr)}`);
  return parsed.data;
}

export const undiciPoolPeer: Peer = {
  name: 'undici-pool',
  unavailable: async () => undefined,
  async run(plan): Promise<PeerMeasurement> {
    const { batchesMs, succeeded, failed } = await runNodePeer('undici-pool', plan);
    return {
      batchesMs,
      succeeded,
      failed,
      measures: `undici Pool per origin, ${plan.concurrency} connections, ${plan.concurrency} loops of request + body.dump(), no per-job accounting`,
    };
  },
};

export const autocannonPeer: Peer = {
  name: 'autocannon',
  unavailable: async () => {
    try {
      await import('autocannon');
      return undefined;
    } catch {
      return 'autocannon is not installed (pnpm install)';
    }
  },
  async run(plan): Promise<PeerMeasurement> {
    const { batchesMs, succeeded, failed, latencyMs } = await runNodePeer('autocannon', plan);
    return {
      batchesMs,
      succeeded,
      failed,
      ...(latencyMs ? { latencyMs } : {}),
      measures: `autocannon (Node API), ${plan.concurrency} connections, amount ${plan.jobs}, pipelining 1, sampleInt 10 ms (batch times to ~10 ms); bodies parsed, not kept; latency in whole ms`,
    };
  },
};

import { fileURLToPath } from 'node:url';
import type { Peer, PeerMeasurement, PeerPlan } from './peer.js';
import type { NodePeerKind, NodePeerPlan, NodePeerReply } from './protocol.js';
import { nodePeerReplySchema } from './replies.js';
import { lastJsonLine, lastLine, runProgram } from './spawn-json.js';
import { fromTimedBatches } from './timed-batches.js';

// dist/peers/node-child.js from both src/peers (tests) and dist/peers (built): the child runs compiled JS.
const CHILD = fileURLToPath(new URL('../../dist/peers/node-child.js', import.meta.url));

/** Runs a Node peer in its own process, as points are, and reads its one JSON line. */
async function runNodePeer(peer: NodePeerKind, plan: PeerPlan): Promise<NodePeerReply> {
  const childPlan: NodePeerPlan = {
    peer,
    urls: plan.urls,
    jobs: plan.jobs,
    concurrency: plan.concurrency,
    batches: plan.batches,
    timeoutMs: plan.timeoutMs,
  };
  const result = await runProgram(process.execPath, [CHILD, JSON.stringify(childPlan)], plan.signal);
  const parsed = nodePeerReplySchema.safeParse(lastJsonLine(result.stdout));
  if (!parsed.success) throw new Error(`${peer} gave no result (exit ${result.code}): ${lastLine(result.stderr)}`);
  return parsed.data;
}

export const undiciPoolPeer: Peer = {
  name: 'undici-pool',
  unavailable: async () => undefined,
  async run(plan): Promise<PeerMeasurement> {
    const { batches, warmUp } = await runNodePeer('undici-pool', plan);
    return fromTimedBatches(batches, {
      warmUp,
      measures: `core's bare dispatch loop: an undici Pool of ${plan.concurrency} connections per origin, ${plan.concurrency} loops of dispatch with a byte-counting handler (the job runner's wire work), no per-job result, no redirects followed`,
    });
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
    const { batches, warmUp, latencyMs } = await runNodePeer('autocannon', plan);
    return fromTimedBatches(batches, {
      warmUp,
      ...(latencyMs ? { latencyMs } : {}),
      measures: `autocannon (Node API), ${plan.concurrency} connections, pipelining 1, one continuous run with its connections open throughout: each timed batch is the next ${plan.jobs} answers; bodies parsed, not kept; redirects not followed${new Set(plan.urls.map((url) => new URL(url).origin)).size > 1 ? '; first origin only' : ''}`,
    });
  },
};

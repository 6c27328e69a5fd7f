import { fileURLToPath } from 'node:url';
import { withCaFile } from './ca-file.js';
import { type Peer, type PeerMeasurement, type PeerPlan, type PeerProtocol, PLAINTEXT } from './peer.js';
import type { NodePeerClient, NodePeerKind, NodePeerPlan, NodePeerReply } from './protocol.js';
import { nodePeerReplySchema } from './replies.js';
import { lastJsonLine, lastLine, runProgram } from './spawn-json.js';
import { fromTimedBatches } from './timed-batches.js';
import { speaksHttp1Only, wireNote } from './wire.js';

// dist/peers/node-child.js from both src/peers (tests) and dist/peers (built): the child runs compiled JS.
const CHILD = fileURLToPath(new URL('../../dist/peers/node-child.js', import.meta.url));

/** The run's protocol as a Node peer's process needs it, the CA by file. */
function clientOf({ http2, compress }: PeerProtocol, caFile: string | undefined): NodePeerClient {
  return {
    ...(caFile === undefined ? {} : { caFile }),
    ...(http2 ? { http2: true as const } : {}),
    ...(compress === undefined ? {} : { acceptEncoding: compress }),
  };
}

/** Runs a Node peer in its own process, as points are, and reads its one JSON line. */
async function runNodePeer(peer: NodePeerKind, plan: PeerPlan): Promise<NodePeerReply> {
  const protocol = plan.protocol ?? PLAINTEXT;
  return withCaFile(protocol.ca, (caFile) => runNodeChild(peer, plan, clientOf(protocol, caFile)));
}

async function runNodeChild(peer: NodePeerKind, plan: PeerPlan, client: NodePeerClient): Promise<NodePeerReply> {
  const childPlan: NodePeerPlan = {
    peer,
    client,
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
  // It speaks whatever the points speak: it is their client without the job runner.
  unspoken: async () => undefined,
  async run(plan): Promise<PeerMeasurement> {
    const { batches, warmUp } = await runNodePeer('undici-pool', plan);
    const protocol = plan.protocol ?? PLAINTEXT;
    const pool = protocol.http2
      ? `${Math.ceil(plan.concurrency / 100)} h2 connection(s) per origin carrying ${plan.concurrency} streams`
      : `${plan.concurrency} connections per origin`;
    return fromTimedBatches(batches, {
      warmUp,
      measures: `core's bare dispatch loop: an undici Pool of ${pool}, ${plan.concurrency} loops of dispatch with a byte-counting handler (the job runner's wire work), no per-job result, no redirects followed${wireNote(protocol, { verifies: true, decodes: false })}`,
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
  unspoken: async (protocol) => speaksHttp1Only('autocannon', protocol),
  async run(plan): Promise<PeerMeasurement> {
    const { batches, warmUp, latencyMs } = await runNodePeer('autocannon', plan);
    return fromTimedBatches(batches, {
      warmUp,
      ...(latencyMs ? { latencyMs } : {}),
      measures: `autocannon (Node API), ${plan.concurrency} connections, pipelining 1, one continuous run with its connections open throughout: each timed batch is the next ${plan.jobs} answers; bodies parsed, not kept; redirects not followed${new Set(plan.urls.map((url) => new URL(url).origin)).size > 1 ? '; first origin only' : ''}${wireNote(plan.protocol ?? PLAINTEXT, { verifies: false, decodes: false })}`,
    });
  },
};

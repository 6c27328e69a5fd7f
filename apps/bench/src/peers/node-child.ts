import type { NodePeerPlan, NodePeerReply } from './protocol.js';

/**
 * A Node peer in its own process, like every point: `node node-child.js '<plan json>'`, one NodePeerReply JSON line
 * on stdout. It loads only the client it measures (the bare dispatch loop: undici alone; or autocannon) and the
 * warm-up rule (which imports nothing): no zod, no fanout core index, nothing of the orchestrator. The plan comes
 * from the orchestrator, so it is checked for shape only.
 */
function planFrom(text: string | undefined): NodePeerPlan {
  const plan = JSON.parse(text ?? 'null') as Partial<NodePeerPlan> | null;
  const counts = [plan?.jobs, plan?.concurrency, plan?.batches, plan?.timeoutMs];
  if (
    (plan?.peer !== 'undici-pool' && plan?.peer !== 'autocannon') ||
    !Array.isArray(plan.urls) ||
    plan.urls.length === 0 ||
    !counts.every((n) => Number.isInteger(n) && (n as number) >= 1)
  ) {
    throw new Error(`node-child: not a peer plan: ${text}`);
  }
  return plan as NodePeerPlan;
}

const plan = planFrom(process.argv[2]);
const reply: NodePeerReply =
  plan.peer === 'undici-pool'
    ? await (await import('./undici-pool-client.js')).runUndiciPool(plan)
    : await (await import('./autocannon-client.js')).runAutocannon(plan);
process.stdout.write(`${JSON.stringify(reply)}\n`);
process.exit(0);

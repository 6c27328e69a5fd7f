import { Pool } from 'undici';
import type { BatchOutcome, NodePeerPlan } from './node-child.js';

const pools = new Map<string, Pool>();
let targets: { pool: Pool; path: string }[] | undefined;

/**
 * The ceiling for any undici-based strategy: a Pool per origin with W
 * connections and W loops doing `request` + `body.dump()`, counting only
 * 2xx answers against the rest. No deadline, no retries, no per-job result.
 */
export async function runUndiciPoolBatch(plan: NodePeerPlan): Promise<BatchOutcome> {
  targets ??= plan.urls.map((url) => {
    const { origin, pathname, search } = new URL(url);
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { connections: plan.concurrency, pipelining: 1 });
      pools.set(origin, pool);
    }
    return { pool, path: `${pathname}${search}` };
  });
  const all = targets;
  let next = 0;
  let succeeded = 0;
  let failed = 0;
  const lane = async () => {
    for (let index = next++; index < plan.jobs; index = next++) {
      const target = all[index % all.length] as (typeof all)[number];
      try {
        const response = await target.pool.request({ path: target.path, method: 'GET' });
        await response.body.dump({ limit: Number.MAX_SAFE_INTEGER });
        if (response.statusCode >= 200 && response.statusCode < 300) succeeded++;
        else failed++;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, lane));
  return { succeeded, failed };
}

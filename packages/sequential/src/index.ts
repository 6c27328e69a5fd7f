import { defineStrategy, type JobResult, once } from '@fanout/core';
import { runHttpJob, undiciExchange } from '@fanout/core/http';
import { Agent } from 'undici';

/**
 * The baseline: one request at a time over a single keep-alive connection per
 * origin, like the post's one `requests.Session` in a loop.
 */
export const strategy = defineStrategy({
  name: 'sequential',
  maxConcurrency: 1,
  async create(options) {
    const agent = new Agent({ connections: 1, pipelining: 1 });
    const exchange = undiciExchange(agent);
    return {
      async run(jobs, signal) {
        const results: JobResult[] = [];
        for (const job of jobs) results.push(await runHttpJob(exchange, job, options, signal));
        return results;
      },
      close: once(() => agent.close()),
    };
  },
});

import { defineStrategy, mapBounded, once } from '@fanout/core';
import { runHttpJob, undiciExchange } from '@fanout/core/http';
import { Agent } from 'undici';

/**
 * One event loop: a task that waits on I/O yields, and the loop resumes it
 * when the socket is readable. At most `concurrency` requests are in flight,
 * over at most `concurrency` reused keep-alive connections per origin.
 */
export const strategy = defineStrategy({
  name: 'async',
  async create(options) {
    const agent = new Agent({ connections: options.concurrency, pipelining: 1 });
    const exchange = undiciExchange(agent);
    return {
      run: (jobs, signal) => mapBounded(jobs, options.concurrency, (job) => runHttpJob(exchange, job, options, signal)),
      close: once(() => agent.close()),
    };
  },
});

import { defineStrategy, mapBounded, once } from '@fanout/core';
import { runHttpJob, undiciExchange } from '@fanout/core/http';
import { Agent } from 'undici';

/**
 * __NAME__: __DESCRIPTION__
 *
 * A working starting point (one event loop, at most `concurrency` requests in
 * flight). Change how requests are sent (the exchange) or scheduled (mapBounded)
 * and let the conformance suite tell you what broke. See docs/writing-a-strategy.md.
 */
export const strategy = defineStrategy({
  name: '__NAME__',
  async create(options) {
    // Long-lived resources are created here, outside the timed region.
    const agent = new Agent({ connections: options.concurrency });
    const exchange = undiciExchange(agent);
    return {
      // Exactly one result per job, in job order; failures are results, never thrown.
      run: (jobs, signal) => mapBounded(jobs, options.concurrency, (job) => runHttpJob(exchange, job, options, signal)),
      // Release every socket, timer and thread; safe to call twice.
      close: once(() => agent.close()),
    };
  },
});

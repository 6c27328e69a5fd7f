import { defineStrategy, mapBounded } from '@fanout/core';
import { createJobRunner, poolTransport } from '@fanout/core/http';

/**
 * __NAME__: __DESCRIPTION__
 *
 * A working starting point (one event loop, at most `concurrency` requests in
 * flight). Change how requests are sent (the transport) or scheduled (mapBounded)
 * and let the conformance suite tell you what broke. See docs/writing-a-strategy.md.
 */
export const strategy = defineStrategy({
  name: '__NAME__',
  async create(options) {
    // Long-lived resources are created here, outside the timed region. Connections per origin stay within
    // maxPerOrigin (redirect targets included: a Pool per origin); the runner gets the options, allowRemote with
    // them, and checks every redirect hop against it.
    const connections = Math.min(options.concurrency, options.maxPerOrigin);
    const http = createJobRunner(poolTransport({ ...options, connections }), options);
    return {
      // Each finished job is reported through options.onProgress (how the harness tells a slow point from a hung one).
      reportsProgress: true,
      // Exactly one result per job, in job order; failures are results, never thrown.
      run: (jobs, signal, run) =>
        mapBounded(jobs, options.concurrency, (job) => http.run(job, signal), run?.onProgress),
      // Release every socket, timer and thread; safe to call twice.
      close: () => http.close(),
    };
  },
});

import { defineStrategy, describeOriginCap } from '@fanout/core';
import { createJobRunner, poolTransport } from '@fanout/core/http';

/**
 * One event loop: a task that waits on I/O yields, and the loop resumes it
 * when the socket is readable. At most `concurrency` requests are in flight,
 * over at most `concurrency` reused keep-alive connections per origin (an
 * undici Pool each; fewer under `maxPerOrigin`, which redirect targets count
 * against too, since they share their origin's Pool).
 */
export const strategy = defineStrategy({
  name: 'async',
  async create(options) {
    const connections = Math.min(options.concurrency, options.maxPerOrigin);
    const http = createJobRunner(poolTransport({ ...options, connections }), options);
    const capped = describeOriginCap(connections, options.concurrency);
    return {
      ...(capped ? { configuration: capped } : {}),
      reportsProgress: true,
      run: (jobs, signal, run) => http.runBatch(jobs, options.concurrency, signal, run?.onProgress),
      close: () => http.close(),
    };
  },
});

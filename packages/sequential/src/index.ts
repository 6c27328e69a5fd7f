import { defineStrategy, type JobResult } from '@fanout/core';
import { createJobRunner, poolTransport } from '@fanout/core/http';

/**
 * The baseline: one request at a time over a single keep-alive connection per
 * origin, like the post's one `requests.Session` in a loop.
 */
export const strategy = defineStrategy({
  name: 'sequential',
  maxConcurrency: 1,
  async create(options) {
    const http = createJobRunner(poolTransport({ ...options, connections: 1 }), options);
    return {
      reportsProgress: true,
      async run(jobs, signal, options) {
        const results: JobResult[] = [];
        for (const job of jobs) {
          results.push(await http.run(job, signal));
          options?.onProgress?.(1);
        }
        return results;
      },
      close: () => http.close(),
    };
  },
});

import { defineStrategy, describeOriginCap, mapBounded, once } from '@fanout/core';
import { createJobRunner, exchangeTransport } from '@fanout/core/http';
import { Agent, fetch } from 'undici';

/**
 * fetch: the WHATWG `fetch` API (undici's, the same code as Node's global
 * fetch) on one event loop, through an undici Agent. Against `async` it adds
 * what the API itself costs: Request/Response objects, header guards, a web
 * ReadableStream body and an AbortController per request (fetch can only be
 * cancelled through a signal). fetch's own redirect handling is off
 * ('manual'): the runner follows redirects for every strategy alike.
 */
export const strategy = defineStrategy({
  name: 'fetch',
  async create(options) {
    // Connections per origin: the Agent keeps a Pool per origin, so redirect targets count against the cap too.
    const connections = Math.min(options.concurrency, options.maxPerOrigin);
    const agent = new Agent({ connections });
    const transport = exchangeTransport(
      async (url, signal) => {
        const response = await fetch(url, { dispatcher: agent, signal, redirect: 'manual' });
        return {
          status: response.status,
          location: response.headers.get('location') ?? undefined,
          body: response.body,
        };
      },
      once(() => agent.close()),
    );
    const http = createJobRunner(transport, options);
    const capped = describeOriginCap(connections, options.concurrency);
    return {
      ...(capped ? { configuration: capped } : {}),
      reportsProgress: true,
      run: (jobs, signal, run) =>
        mapBounded(jobs, options.concurrency, (job) => http.run(job, signal), run?.onProgress),
      close: () => http.close(),
    };
  },
});

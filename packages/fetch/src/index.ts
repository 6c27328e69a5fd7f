import { defineStrategy, mapBounded, once } from '@fanout/core';
import { type Exchange, runHttpJob } from '@fanout/core/http';
import { Agent, fetch } from 'undici';

/**
 * fetch: the WHATWG `fetch` API (undici's, the same code as Node's global
 * fetch) on one event loop, through the same kind of Agent as `async`. The only
 * difference from `async` is the API: Request/Response objects, header
 * guards and a web ReadableStream body. fetch's own redirect handling is off
 * ('manual'): runHttpJob follows redirects for every strategy alike.
 */
export const strategy = defineStrategy({
  name: 'fetch',
  async create(options) {
    const agent = new Agent({ connections: options.concurrency });
    const exchange: Exchange = async (url, signal) => {
      const response = await fetch(url, { dispatcher: agent, signal, redirect: 'manual' });
      // A body-less answer (204, 304) has a null body: nothing to count.
      const location = response.headers.get('location') ?? undefined;
      return { status: response.status, location, body: response.body ?? emptyBody() };
    };
    return {
      run: (jobs, signal) => mapBounded(jobs, options.concurrency, (job) => runHttpJob(exchange, job, options, signal)),
      close: once(() => agent.close()),
    };
  },
});

async function* emptyBody(): AsyncIterable<Uint8Array> {}

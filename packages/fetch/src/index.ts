import { defineStrategy, describeOriginCap } from '@fanout/core';
import { claimProbe, createJobRunner, createOrigins, exchangeTransport, type Origin } from '@fanout/core/http';
import { fetch } from 'undici';

/** Rejects when `signal` aborts: a request waiting for its origin's ALPN answer is still cancellable. */
const aborted = (signal: AbortSignal): Promise<never> =>
  new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

// A batch cycles through few URLs; the cache is dropped rather than grown past this.
const MAX_CACHED_URLS = 10_000;

/**
 * fetch: the WHATWG `fetch` API (undici's, the same code as Node's global
 * fetch) on one event loop, over core's per-origin pools (the same CA trust,
 * HTTP/2 offer and connections per origin as every strategy). Against `async`
 * it adds what the API itself costs: Request/Response objects, header guards,
 * a web ReadableStream body and an AbortController per request (fetch can only
 * be cancelled through a signal). fetch's own redirect handling is off
 * ('manual'): the runner follows redirects for every strategy alike.
 *
 * Content coding: fetch always decodes what the server encoded (the Fetch
 * standard leaves it no choice), so the body counted is the decoded one, as in
 * every strategy; Accept-Encoding is set to the asked coding (`identity`
 * included, where fetch would otherwise ask for gzip, deflate and br). fetch
 * hands over only the decoded stream, so its results carry no `wireBytes`.
 */
export const strategy = defineStrategy({
  name: 'fetch',
  async create(options) {
    // Connections per origin: a Pool per origin, so redirect targets count against the cap too.
    const connections = Math.min(options.concurrency, options.maxPerOrigin);
    const origins = createOrigins({ ...options, connections });
    const byUrl = new Map<string, Origin>();
    const originOf = (url: string): Origin => {
      let origin = byUrl.get(url);
      if (origin === undefined) {
        origin = origins.get(new URL(url).origin);
        if (byUrl.size >= MAX_CACHED_URLS) byUrl.clear();
        byUrl.set(url, origin);
      }
      return origin;
    };
    const headers = { 'accept-encoding': options.acceptEncoding };
    const transport = exchangeTransport(
      async (url, signal) => {
        const origin = originOf(url);
        // While an origin offered h2 waits for its first ALPN answer: the first request asks, the others wait.
        const probe = origin.alpn !== undefined && claimProbe(origin);
        if (origin.alpn !== undefined && !probe) await Promise.race([origin.alpn, aborted(signal)]);
        const response = await fetch(url, {
          dispatcher: origin.dispatcher,
          signal,
          redirect: 'manual',
          headers,
        }).finally(() => probe && origin.release());
        return {
          status: response.status,
          location: response.headers.get('location') ?? undefined,
          body: response.body,
          // Read when the headers are in: by then the connection that carried them has negotiated.
          ...(options.http2 && origin.protocol !== undefined ? { protocol: origin.protocol } : {}),
        };
      },
      () => origins.close(),
    );
    const http = createJobRunner(transport, options);
    const capped = describeOriginCap(connections, options.concurrency);
    return {
      ...(capped ? { configuration: capped } : {}),
      reportsProgress: true,
      run: (jobs, signal, run) => http.runBatch(jobs, options.concurrency, signal, run?.onProgress),
      close: () => http.close(),
    };
  },
});

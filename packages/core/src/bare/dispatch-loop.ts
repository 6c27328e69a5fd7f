import { type Dispatcher, Pool } from 'undici';
import { cycleAt } from '../cycle.js';
import { h2Layout } from '../h2-layout.js';

/**
 * The ceiling for any undici-based client: the same wire work as fanout's job runner (an undici `Pool` per origin,
 * `dispatch` with a handler that counts body bytes and drops them) and nothing else: no per-job result, no deadline,
 * no redirects, no retries. The undici-pool peer, the calibration and `pnpm bench:core` all measure with it, so
 * "fanout against bare undici" compares equal work. It imports undici and core's import-free cycling rule alone (no
 * zod, no contract) and the import-free h2 connection rule, so a process that loads it carries nothing the
 * measurement does not need.
 */

/** What one batch of the loop saw. A 3xx is not followed: it counts as not 2xx. */
export interface BareBatch {
  readonly succeeded: number;
  readonly failed: number;
  /** Body bytes of every answer, counted as they arrived. */
  readonly bytes: number;
}

export interface BareDispatchLoop {
  /** `jobs` GETs cycling through the loop's URLs in job order, `lanes` at a time (at most the in-flight cap). */
  run(jobs: number, lanes: number): Promise<BareBatch>;
  close(): Promise<void>;
}

interface Target {
  readonly pool: Pool;
  readonly path: string;
  readonly origin: string;
}

/**
 * How the loop speaks to HTTPS targets (issue 19), all optional: plaintext HTTP/1.1 without them. `ca` is trusted
 * beside the default roots (the certificate is always verified), `http2` offers h2 by ALPN, `acceptEncoding` asks for
 * that coding (bodies are counted as they come over the wire, not decoded: the loop measures the target).
 */
export interface BareClientOptions {
  readonly ca?: string;
  readonly http2?: boolean;
  readonly acceptEncoding?: string;
  /**
   * Origins known to speak h2 (a verified TLS probe's ALPN answer, never a guess: undici would pipeline HTTP/1.1 on
   * a server that chose it). Their Pool multiplexes as core's transport does: the loop's `inFlight` requests over
   * `h2Layout(inFlight)`'s ⌈inFlight ÷ 100⌉ connections (undici counts h2 streams against `pipelining`). Any other
   * origin gets `inFlight` connections of one request each.
   */
  readonly h2Origins?: readonly string[];
}

/** What the loop's Pool for `origin` opens for `inFlight` requests at once: connections, streams (requests) each. */
export function bareLayout(
  origin: string,
  inFlight: number,
  client: BareClientOptions = {},
): { connections: number; streams: number } {
  return client.h2Origins?.includes(origin) ? h2Layout(inFlight) : { connections: inFlight, streams: 1 };
}

/** One Pool per origin of `urls` carrying up to `inFlight` requests at once (bareLayout); each URL parsed once. */
export function bareDispatchLoop(
  urls: readonly string[],
  inFlight: number,
  client: BareClientOptions = {},
): BareDispatchLoop {
  if (urls.length === 0) throw new RangeError('bareDispatchLoop needs at least one URL');
  const pools = new Map<string, Pool>();
  const targets: Target[] = urls.map((url) => {
    const { origin, pathname, search } = new URL(url);
    let pool = pools.get(origin);
    if (pool === undefined) {
      const { connections, streams } = bareLayout(origin, inFlight, client);
      pool = new Pool(origin, {
        connections,
        pipelining: streams,
        ...(client.ca === undefined ? {} : { connect: { ca: client.ca } }),
        ...(client.http2 ? { allowH2: true } : {}),
      });
      pools.set(origin, pool);
    }
    return { pool, origin, path: `${pathname}${search}` };
  });
  const headers = client.acceptEncoding === undefined ? {} : { 'accept-encoding': client.acceptEncoding };
  return {
    async run(jobs, lanes) {
      let next = 0;
      let succeeded = 0;
      let failed = 0;
      let bytes = 0;
      const count = (status: number, body: number) => {
        bytes += body;
        if (status >= 200 && status < 300) succeeded++;
        else failed++;
      };
      const lane = async () => {
        for (let index = next++; index < jobs; index = next++) {
          const target = cycleAt(targets, index);
          await new Promise<void>((resolve) => {
            target.pool.dispatch(
              { origin: target.origin, path: target.path, method: 'GET', headers },
              counting(count, resolve),
            );
          });
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(lanes, jobs)) }, lane));
      return { succeeded, failed, bytes };
    },
    async close() {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    },
  };
}

function counting(count: (status: number, bytes: number) => void, done: () => void): Dispatcher.DispatchHandler {
  let status = 0;
  let bytes = 0;
  return {
    // undici tells the handler API apart by this hook: without it the handler is taken for the legacy shape.
    onRequestStart() {},
    onResponseStart(_controller, statusCode) {
      status = statusCode;
    },
    onResponseData(_controller, chunk) {
      bytes += chunk.length;
    },
    onResponseEnd() {
      count(status, bytes);
      done();
    },
    onResponseError() {
      count(0, bytes);
      done();
    },
  };
}

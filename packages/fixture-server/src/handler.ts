import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { Socket } from 'node:net';
import { type Body, isGone, writeBytes } from './body.js';
import type { Exchange, Reply } from './fault-context.js';
import { faultFromQuery } from './fault-query.js';
import { produceFault } from './fault-responses.js';
import { drawFault, type FaultMix, mixIsActive } from './faults.js';
import type { Gauge } from './gauge.js';
import type { PagePicker } from './pages.js';
import { type ResponseSettings, settingsFromQuery } from './settings.js';

/** Control routes, not counted as requests. */
export const STATS_PATH = '/__fanout/stats';
export const RESET_PATH = '/__fanout/reset';

export interface HandlerConfig {
  readonly defaults: ResponseSettings;
  readonly gauge: Gauge;
  readonly mix: FaultMix;
  readonly random: () => number;
  readonly pages: PagePicker;
  /** True when pages may be compressed, so the request's Accept-Encoding matters. */
  readonly compressing: boolean;
  /** The plain TCP socket under a (TLS) socket: only that one can be reset. */
  readonly tcpOf: (socket: Socket) => Socket;
}

export type FixtureRequest = IncomingMessage | Http2ServerRequest;
export type FixtureResponse = ServerResponse | Http2ServerResponse;

/** The request listener: control routes, then query validation, optional fault, latency, and the answer. */
export function createHandler(config: HandlerConfig): (request: FixtureRequest, response: FixtureResponse) => void {
  const { defaults, gauge, mix, random, pages, tcpOf, compressing } = config;
  const mixed = mixIsActive(mix);
  return (request, response) => {
    const reply: Reply = response;
    const url = new URL(request.url ?? '/', 'http://fixture');
    if (url.pathname === STATS_PATH || url.pathname === RESET_PATH) {
      if (url.pathname === RESET_PATH) gauge.reset();
      json(reply, 200, gauge.stats());
      return;
    }
    const http2 = response instanceof Http2ServerResponse;
    gauge.requestStarted(http2);
    let ended = false;
    // 'close' fires once whether the response finished or the connection or stream died (reset, hang, raw
    // faults), so every request leaves the in-flight count exactly once.
    reply.once('close', () => {
      if (!ended) gauge.requestEnded();
      ended = true;
    });
    const settings = settingsFromQuery(url.searchParams, defaults);
    if ('error' in settings) {
      json(reply, 400, { error: settings.error });
      return;
    }
    const asked = faultFromQuery(url.searchParams);
    if ('error' in asked) {
      json(reply, 400, { error: asked.error });
      return;
    }
    // The draw comes before the jitter draw so that a seeded source maps to faults in request order.
    const picked = asked.fault ?? (mixed ? drawFault(mix, random) : undefined);
    // The last hop of a redirect chain is the normal answer, and is not counted as a fault.
    const fault = picked === 'none' || (picked === 'redirect' && asked.hops === 0) ? undefined : picked;
    const delay = settings.latencyMs + (settings.jitterMs > 0 ? random() * settings.jitterMs : 0);
    // Asked for now, so that a first compression runs (off the event loop) while the latency passes.
    // The headers are read only when they can matter: Node builds request.headers on first use.
    const accept = compressing ? headerText(request.headers['accept-encoding']) : undefined;
    let body: Body | Promise<Body> = pages(settings.sizeBytes, accept);
    const respond = (): void => {
      if (isGone(reply)) return;
      if (body instanceof Promise) {
        void body.then((ready) => {
          body = ready;
          respond();
        });
        return;
      }
      if (fault === undefined) {
        reply.writeHead(settings.status, body.headers);
        writeBytes(reply, body, body.length, () => reply.end());
        return;
      }
      gauge.faultProduced(fault);
      // Only faults reach under the response, so only they pay for finding the socket or stream.
      const exchange: Exchange =
        response instanceof Http2ServerResponse
          ? { protocol: 'h2', stream: response.stream }
          : { protocol: 'http/1.1', socket: response.socket as Socket, tcp: tcpOf(response.socket as Socket) };
      const fromQuery = asked.fault !== undefined;
      const { hops, dripMs } = asked;
      produceFault(fault, {
        method: request.method,
        response: reply,
        exchange,
        url,
        settings,
        body,
        hops,
        dripMs,
        fromQuery,
      });
    };
    if (delay <= 0) {
      respond();
      return;
    }
    const timer = setTimeout(respond, delay);
    reply.once('close', () => clearTimeout(timer));
  };
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

function json(response: Reply, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  response.end(text);
}

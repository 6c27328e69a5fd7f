import type { IncomingMessage, ServerResponse } from 'node:http';
import { sizedHeaders, writeBody } from './body.js';
import { faultFromQuery } from './fault-query.js';
import { produceFault } from './fault-responses.js';
import { drawFault, type FaultMix, mixIsActive } from './faults.js';
import type { Gauge } from './gauge.js';
import { type ResponseSettings, settingsFromQuery } from './settings.js';

/** Control routes, not counted as requests. */
export const STATS_PATH = '/__fanout/stats';
export const RESET_PATH = '/__fanout/reset';

export interface HandlerConfig {
  readonly defaults: ResponseSettings;
  readonly gauge: Gauge;
  readonly mix: FaultMix;
  readonly random: () => number;
}

/** The request listener: control routes, then query validation, optional fault, latency, and the answer. */
export function createHandler({
  defaults,
  gauge,
  mix,
  random,
}: HandlerConfig): (request: IncomingMessage, response: ServerResponse) => void {
  const mixed = mixIsActive(mix);
  return (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://fixture');
    if (url.pathname === STATS_PATH || url.pathname === RESET_PATH) {
      if (url.pathname === RESET_PATH) gauge.reset();
      json(response, 200, gauge.stats());
      return;
    }
    gauge.requestStarted();
    let ended = false;
    // 'close' fires once whether the response finished or the socket died (reset, hang, raw faults), so
    // every request leaves the in-flight count exactly once.
    response.once('close', () => {
      if (!ended) gauge.requestEnded();
      ended = true;
    });
    const settings = settingsFromQuery(url.searchParams, defaults);
    if ('error' in settings) {
      json(response, 400, { error: settings.error });
      return;
    }
    const asked = faultFromQuery(url.searchParams);
    if ('error' in asked) {
      json(response, 400, { error: asked.error });
      return;
    }
    // The draw comes before the jitter draw so that a seeded source maps to faults in request order.
    const picked = asked.fault ?? (mixed ? drawFault(mix, random) : undefined);
    // The last hop of a redirect chain is the normal answer, and is not counted as a fault.
    const fault = picked === 'none' || (picked === 'redirect' && asked.hops === 0) ? undefined : picked;
    const delay = settings.latencyMs + (settings.jitterMs > 0 ? random() * settings.jitterMs : 0);
    const respond = (): void => {
      if (fault === undefined) {
        response.writeHead(settings.status, sizedHeaders(settings.sizeBytes));
        writeBody(response, settings.sizeBytes);
        return;
      }
      gauge.faultProduced(fault);
      const fromQuery = asked.fault !== undefined;
      produceFault(fault, { request, response, url, settings, hops: asked.hops, dripMs: asked.dripMs, fromQuery });
    };
    if (delay <= 0) {
      respond();
      return;
    }
    const timer = setTimeout(respond, delay);
    response.once('close', () => clearTimeout(timer));
  };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

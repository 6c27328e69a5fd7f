import type { HttpProtocol, JobError } from '../contract.js';
import { ALLOW_REMOTE_FLAG, hostOf, isLoopbackUrl } from '../reach.js';
import { classifyError } from './classify.js';
import type { Ticket } from './in-flight.js';
import type { Transport } from './transport.js';

export interface DownloadLimits {
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  readonly maxRedirects: number;
  /**
   * Connect to hosts that are not loopback (the first URL and every redirect target). Absent means false: a
   * caller that does not pass it stays on this machine (fail closed).
   */
  readonly allowRemote?: boolean;
}

export type AttemptOutcome =
  | {
      readonly ok: true;
      readonly status: number;
      readonly bytes: number;
      /** Set only for an encoded body (ticket.wireBytes). */
      readonly wireBytes?: number | undefined;
      /** Set only when the transport offered more than one protocol (ticket.protocol). */
      readonly protocol?: HttpProtocol | undefined;
    }
  | { readonly ok: false; readonly error: JobError; readonly bytes: number };

/**
 * One attempt at a job: follows redirects itself (so every client gets the
 * same limits and codes), with the ticket's one deadline over the whole chain:
 * connect, headers and body of every hop. Every hop passes the reach rule
 * before anything connects: without `allowRemote`, a host that is not
 * loopback ends the job as REMOTE_REFUSED (one Map lookup per hop, see reach.ts).
 */
export async function attempt(
  transport: Transport,
  url: string,
  limits: DownloadLimits,
  ticket: Ticket,
): Promise<AttemptOutcome> {
  // Made only when a redirect happens: the common answer needs no set.
  let visited: Set<string> | undefined;
  try {
    for (let current = url, from: string | undefined; ; ) {
      if (limits.allowRemote !== true && !isLoopbackUrl(current)) return refuse(current, from, ticket);
      ticket.bytes = 0;
      if (ticket.wireBytes !== undefined) ticket.wireBytes = undefined;
      ticket.midBody = false;
      if (ticket.chunks) ticket.chunks.length = 0;
      const { status, location } = await transport.send(current, ticket, limits.maxBodyBytes);
      if (ticket.reason !== undefined) throw new Error('cancelled');
      if (status >= 300 && status < 400 && location !== undefined && limits.maxRedirects > 0) {
        const next = URL.canParse(location, current) ? new URL(location, current).href : undefined;
        if (next === undefined) return fail('PROTOCOL', `invalid Location header ${JSON.stringify(location)}`, ticket);
        visited ??= new Set([url]);
        if (visited.has(next)) return fail('REDIRECT_LOOP', `redirect loop back to ${next}`, ticket);
        if (visited.size > limits.maxRedirects) {
          return fail('TOO_MANY_REDIRECTS', `more than ${limits.maxRedirects} redirects`, ticket);
        }
        visited.add(next);
        from = current;
        current = next;
        continue;
      }
      if (status < 200 || status > 299) {
        return { ok: false, error: { code: 'HTTP_STATUS', message: `HTTP ${status}`, status }, bytes: ticket.bytes };
      }
      const { wireBytes, protocol } = ticket;
      // The plain answer's one shape; the transport's facts only where there are some.
      if (wireBytes === undefined && protocol === undefined) return new Delivered(status, ticket.bytes);
      return { ok: true, status, bytes: ticket.bytes, wireBytes, protocol };
    }
  } catch (error) {
    if (ticket.tooLarge && ticket.reason === undefined) {
      return fail('BODY_TOO_LARGE', `body exceeded ${limits.maxBodyBytes} bytes`, ticket);
    }
    const context = ticket.reason
      ? { abortReason: ticket.reason, midBody: ticket.midBody }
      : { midBody: ticket.midBody };
    return { ok: false, error: classifyError(error, context), bytes: ticket.bytes };
  }
}

/**
 * The common outcome, made by `new` rather than as an object literal: V8 pretenured this literal's allocation site in
 * some point processes (about 0.2 MB a 20,000-job batch then went straight to the old generation), and an object made
 * by a class constructor carries no allocation site (see CountingHandler in undici-transport.ts).
 */
class Delivered {
  readonly ok = true;
  readonly status: number;
  readonly bytes: number;

  constructor(status: number, bytes: number) {
    this.status = status;
    this.bytes = bytes;
  }
}

/** The reach rule's refusal: names the host, the hop, and what would allow it. */
function refuse(url: string, from: string | undefined, ticket: Ticket): AttemptOutcome {
  const host = hostOf(url);
  if (host === undefined) return fail('UNKNOWN', `not a URL: ${JSON.stringify(url)}`, ticket);
  const hop = from === undefined ? `the job's URL ${url}` : `a redirect from ${from} to ${url}`;
  return fail(
    'REMOTE_REFUSED',
    `refused to connect to ${host}, which is not a loopback host (${hop}); remote hosts need ${ALLOW_REMOTE_FLAG} (allowRemote)`,
    ticket,
  );
}

function fail(code: JobError['code'], message: string, ticket: Ticket): AttemptOutcome {
  return { ok: false, error: { code, message }, bytes: ticket.bytes };
}

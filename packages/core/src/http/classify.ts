import type { JobError } from '../contract.js';
import { describeCause } from '../errors.js';

/** Why a request's own AbortController fired; anything else came from outside. */
export type AbortReason = 'timeout' | 'aborted';

const BY_CODE: Readonly<Record<string, JobError['code']>> = {
  ECONNREFUSED: 'CONNECTION_REFUSED',
  ECONNRESET: 'CONNECTION_RESET',
  ECONNABORTED: 'CONNECTION_RESET',
  EPIPE: 'CONNECTION_RESET',
  UND_ERR_SOCKET: 'CONNECTION_RESET',
  UND_ERR_CLOSED: 'CONNECTION_RESET',
  ENOTFOUND: 'DNS',
  EAI_AGAIN: 'DNS',
  EAI_NONAME: 'DNS',
  EAI_FAIL: 'DNS',
  EAI_NODATA: 'DNS',
  // No route to the network (or the interface is down), no route to the host, no local address or port for it:
  // the kernel's answers to connect() (undici's retry handler treats the same errno values as network errors).
  ENETUNREACH: 'NETWORK_UNREACHABLE',
  ENETDOWN: 'NETWORK_UNREACHABLE',
  EHOSTUNREACH: 'HOST_UNREACHABLE',
  EHOSTDOWN: 'HOST_UNREACHABLE',
  EADDRNOTAVAIL: 'ADDRESS_UNAVAILABLE',
  ETIMEDOUT: 'TIMEOUT',
  UND_ERR_CONNECT_TIMEOUT: 'TIMEOUT',
  UND_ERR_HEADERS_TIMEOUT: 'TIMEOUT',
  UND_ERR_BODY_TIMEOUT: 'TIMEOUT',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'TRUNCATED',
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: 'PROTOCOL',
  UND_ERR_HEADERS_OVERFLOW: 'PROTOCOL',
  UND_ERR_INFO: 'PROTOCOL',
  UND_ERR_RES_EXCEEDED_MAX_SIZE: 'BODY_TOO_LARGE',
  UND_ERR_MAX_REDIRECTIONS: 'TOO_MANY_REDIRECTS',
};

/**
 * errno values that name a network failure only when connect() returned them (EACCES from reading a file is not
 * one): a firewall rule or a `prohibit` route refused the connection (EACCES, EPERM), or a `blackhole` route
 * swallowed it (Linux answers EINVAL).
 */
const BY_CONNECT_CODE: Readonly<Record<string, JobError['code']>> = {
  EACCES: 'CONNECTION_BLOCKED',
  EPERM: 'CONNECTION_BLOCKED',
  EINVAL: 'NETWORK_UNREACHABLE',
};

/**
 * Codes down the `cause` chain (and inside an AggregateError, as happy-eyeballs connects report), each with the
 * error that carried it; undici's parser errors may carry only their name.
 */
function codesInChain(error: unknown): [code: string, carrier: object][] {
  const codes: [string, object][] = [];
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.shift();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const { code, name, syscall, cause, errors } = current as Record<string, unknown>;
    if (typeof code === 'string') {
      codes.push([syscall === 'connect' && BY_CONNECT_CODE[code] ? `connect:${code}` : code, current]);
    }
    if (name === 'HTTPParserError') codes.push(['HPE_', current]);
    pending.push(cause);
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return codes;
}

/** The error's message, and the message of the cause that decided the code when that says more (fetch's "fetch failed"). */
function messageOf(error: unknown, carrier: object): string {
  const outer = describeCause(error);
  if (carrier === error) return outer;
  const inner = describeCause(carrier);
  return inner === '' || outer.includes(inner) ? outer : `${outer}: ${inner}`;
}

/**
 * Maps a transport error (undici, node:net, llhttp) to a stable job error.
 * `abortReason` is set when the request's own controller fired; `midBody`
 * tells a connection lost after the headers (a truncated body) from one lost
 * before them.
 */
export function classifyError(error: unknown, context: { abortReason?: AbortReason; midBody: boolean }): JobError {
  if (context.abortReason === 'timeout') return { code: 'TIMEOUT', message: 'request deadline exceeded' };
  if (context.abortReason === 'aborted') return { code: 'ABORTED', message: 'aborted before completion' };
  for (const [code, carrier] of codesInChain(error)) {
    const mapped = code.startsWith('HPE_')
      ? 'PROTOCOL'
      : code.startsWith('connect:')
        ? BY_CONNECT_CODE[code.slice('connect:'.length)]
        : BY_CODE[code];
    if (mapped === undefined) continue;
    const message = messageOf(error, carrier);
    if (mapped === 'CONNECTION_RESET' && context.midBody) return { code: 'TRUNCATED', message };
    return { code: mapped, message };
  }
  return { code: context.midBody ? 'TRUNCATED' : 'UNKNOWN', message: describeCause(error) };
}

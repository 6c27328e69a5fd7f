import type { JobError } from '../contract.js';
import { describeCause } from '../errors.js';

/** Why a request's own AbortController fired; anything else came from outside. */
export type AbortReason = 'timeout' | 'aborted';

const BY_CODE: Readonly<Record<string, JobError['code']>> = {
  ECONNREFUSED: 'CONNECTION_REFUSED',
  ECONNRESET: 'CONNECTION_RESET',
  EPIPE: 'CONNECTION_RESET',
  UND_ERR_SOCKET: 'CONNECTION_RESET',
  UND_ERR_CLOSED: 'CONNECTION_RESET',
  ENOTFOUND: 'DNS',
  EAI_AGAIN: 'DNS',
  EAI_NONAME: 'DNS',
  ETIMEDOUT: 'TIMEOUT',
  UND_ERR_CONNECT_TIMEOUT: 'TIMEOUT',
  UND_ERR_HEADERS_TIMEOUT: 'TIMEOUT',
  UND_ERR_BODY_TIMEOUT: 'TIMEOUT',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'TRUNCATED',
  UND_ERR_REQ_CONTENT_LENGTH_MISMATCH: 'PROTOCOL',
  UND_ERR_INFO: 'PROTOCOL',
  UND_ERR_RES_EXCEEDED_MAX_SIZE: 'BODY_TOO_LARGE',
  UND_ERR_MAX_REDIRECTIONS: 'TOO_MANY_REDIRECTS',
};

/** Error codes down the `cause` chain; undici's parser errors may carry only their name. */
function codesInChain(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current !== null && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { code, name } = current as { code?: unknown; name?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (name === 'HTTPParserError') codes.push('HPE_');
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

/**
 * Maps a transport error (undici, node:net, llhttp) to a stable job error.
 * `abortReason` is set when the request's own controller fired; `midBody`
 * tells a connection lost after the headers (a truncated body) from one lost
 * before them.
 */
export function classifyError(error: unknown, context: { abortReason?: AbortReason; midBody: boolean }): JobError {
  const message = describeCause(error);
  if (context.abortReason === 'timeout') return { code: 'TIMEOUT', message: 'request deadline exceeded' };
  if (context.abortReason === 'aborted') return { code: 'ABORTED', message: 'aborted before completion' };
  for (const code of codesInChain(error)) {
    if (code.startsWith('HPE_')) return { code: 'PROTOCOL', message };
    const mapped = BY_CODE[code];
    if (mapped === 'CONNECTION_RESET' && context.midBody) return { code: 'TRUNCATED', message };
    if (mapped) return { code: mapped, message };
  }
  return { code: context.midBody ? 'TRUNCATED' : 'UNKNOWN', message };
}

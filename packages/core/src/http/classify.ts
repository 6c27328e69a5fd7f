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
  // A certificate that does not verify against the trusted roots (OpenSSL's X509_V_ERR_* names, as Node's TLS
  // socket reports them), or that names another host.
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS_CERT_INVALID',
  UNABLE_TO_GET_ISSUER_CERT: 'TLS_CERT_INVALID',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'TLS_CERT_INVALID',
  UNABLE_TO_GET_CRL: 'TLS_CERT_INVALID',
  UNABLE_TO_DECRYPT_CERT_SIGNATURE: 'TLS_CERT_INVALID',
  UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: 'TLS_CERT_INVALID',
  CERT_SIGNATURE_FAILURE: 'TLS_CERT_INVALID',
  CERT_NOT_YET_VALID: 'TLS_CERT_INVALID',
  CERT_HAS_EXPIRED: 'TLS_CERT_INVALID',
  ERROR_IN_CERT_NOT_BEFORE_FIELD: 'TLS_CERT_INVALID',
  ERROR_IN_CERT_NOT_AFTER_FIELD: 'TLS_CERT_INVALID',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS_CERT_INVALID',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS_CERT_INVALID',
  CERT_CHAIN_TOO_LONG: 'TLS_CERT_INVALID',
  CERT_REVOKED: 'TLS_CERT_INVALID',
  INVALID_CA: 'TLS_CERT_INVALID',
  PATH_LENGTH_EXCEEDED: 'TLS_CERT_INVALID',
  INVALID_PURPOSE: 'TLS_CERT_INVALID',
  CERT_UNTRUSTED: 'TLS_CERT_INVALID',
  CERT_REJECTED: 'TLS_CERT_INVALID',
  HOSTNAME_MISMATCH: 'TLS_CERT_INVALID',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS_CERT_INVALID',
  ERR_TLS_CERT_ALTNAME_FORMAT: 'TLS_CERT_INVALID',
  // The handshake itself failed (no shared version or cipher, an alert, not TLS at all); more under ERR_SSL_ below.
  EPROTO: 'TLS_HANDSHAKE_FAILED',
  ERR_TLS_HANDSHAKE_TIMEOUT: 'TLS_HANDSHAKE_FAILED',
  ERR_TLS_INVALID_PROTOCOL_VERSION: 'TLS_HANDSHAKE_FAILED',
  ERR_TLS_PROTOCOL_VERSION_CONFLICT: 'TLS_HANDSHAKE_FAILED',
  // zlib's answers to a body that is not what its Content-Encoding says (fetch decodes through zlib itself).
  Z_DATA_ERROR: 'DECODE_FAILED',
  Z_BUF_ERROR: 'DECODE_FAILED',
  Z_NEED_DICT: 'DECODE_FAILED',
  ERR_BROTLI_DECOMPRESSION_FAILED: 'DECODE_FAILED',
};

/**
 * Families of codes named by their prefix: OpenSSL's handshake failures (ERR_SSL_WRONG_VERSION_NUMBER,
 * ERR_SSL_TLSV1_ALERT_…), and brotli's decoder errors as Node names them (ERR__ERROR_FORMAT_PADDING_1, …).
 */
const BY_PREFIX: readonly (readonly [prefix: string, code: JobError['code']])[] = [
  ['ERR_SSL_', 'TLS_HANDSHAKE_FAILED'],
  ['ERR__ERROR_', 'DECODE_FAILED'],
];

function byPrefix(code: string): JobError['code'] | undefined {
  for (const [prefix, mapped] of BY_PREFIX) if (code.startsWith(prefix)) return mapped;
  return undefined;
}

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
    if (name === 'DecodeError') codes.push(['DECODE', current]);
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
      : code === 'DECODE'
        ? 'DECODE_FAILED'
        : code.startsWith('connect:')
          ? BY_CONNECT_CODE[code.slice('connect:'.length)]
          : (BY_CODE[code] ?? byPrefix(code));
    if (mapped === undefined) continue;
    const message = messageOf(error, carrier);
    if (mapped === 'CONNECTION_RESET' && context.midBody) return { code: 'TRUNCATED', message };
    return { code: mapped, message };
  }
  return { code: context.midBody ? 'TRUNCATED' : 'UNKNOWN', message: describeCause(error) };
}

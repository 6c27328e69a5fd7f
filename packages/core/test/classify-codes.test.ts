import { describe, expect, it } from 'vitest';
import { classifyError } from '../src/http/classify.js';

const withCode = (code: string, cause?: unknown) => Object.assign(new Error(code, { cause }), { code });
/** What node:net rejects a connect() with: errno code, syscall, address. */
const connectError = (code: string) =>
  Object.assign(new Error(`connect ${code} 10.9.9.9:80`), { code, syscall: 'connect', address: '10.9.9.9' });

describe('classifyError maps transport errors to stable codes', () => {
  for (const [error, midBody, code] of [
    [withCode('ECONNREFUSED'), false, 'CONNECTION_REFUSED'],
    [withCode('ECONNRESET'), false, 'CONNECTION_RESET'],
    [withCode('ECONNRESET'), true, 'TRUNCATED'],
    [withCode('UND_ERR_SOCKET', withCode('ECONNRESET')), false, 'CONNECTION_RESET'],
    [withCode('ENOTFOUND'), false, 'DNS'],
    [withCode('UND_ERR_HEADERS_TIMEOUT'), false, 'TIMEOUT'],
    [withCode('UND_ERR_RES_CONTENT_LENGTH_MISMATCH'), true, 'TRUNCATED'],
    [withCode('HPE_INVALID_CONSTANT'), false, 'PROTOCOL'],
    [new TypeError('fetch failed', { cause: withCode('ECONNREFUSED') }), false, 'CONNECTION_REFUSED'],
    [connectError('ENETUNREACH'), false, 'NETWORK_UNREACHABLE'],
    [connectError('ENETDOWN'), false, 'NETWORK_UNREACHABLE'],
    [connectError('EHOSTUNREACH'), false, 'HOST_UNREACHABLE'],
    [connectError('EHOSTDOWN'), false, 'HOST_UNREACHABLE'],
    [connectError('EADDRNOTAVAIL'), false, 'ADDRESS_UNAVAILABLE'],
    [connectError('EACCES'), false, 'CONNECTION_BLOCKED'],
    [connectError('EPERM'), false, 'CONNECTION_BLOCKED'],
    [connectError('EINVAL'), false, 'NETWORK_UNREACHABLE'],
    [new TypeError('fetch failed', { cause: connectError('EHOSTUNREACH') }), false, 'HOST_UNREACHABLE'],
    [new AggregateError([connectError('ENETUNREACH'), connectError('EADDRNOTAVAIL')]), false, 'NETWORK_UNREACHABLE'],
    [withCode('EAI_FAIL'), false, 'DNS'],
    [withCode('UND_ERR_HEADERS_OVERFLOW'), false, 'PROTOCOL'],
    // TLS, as Node's socket reports it under undici (and under fetch's "fetch failed").
    [withCode('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), false, 'TLS_CERT_INVALID'],
    [withCode('DEPTH_ZERO_SELF_SIGNED_CERT'), false, 'TLS_CERT_INVALID'],
    [withCode('SELF_SIGNED_CERT_IN_CHAIN'), false, 'TLS_CERT_INVALID'],
    [withCode('CERT_HAS_EXPIRED'), false, 'TLS_CERT_INVALID'],
    [withCode('ERR_TLS_CERT_ALTNAME_INVALID'), false, 'TLS_CERT_INVALID'],
    [
      new TypeError('fetch failed', { cause: withCode('UNABLE_TO_GET_ISSUER_CERT_LOCALLY') }),
      false,
      'TLS_CERT_INVALID',
    ],
    [withCode('ERR_SSL_WRONG_VERSION_NUMBER'), false, 'TLS_HANDSHAKE_FAILED'],
    [withCode('ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION'), false, 'TLS_HANDSHAKE_FAILED'],
    [withCode('EPROTO'), false, 'TLS_HANDSHAKE_FAILED'],
    // Content coding: fetch's zlib and brotli errors by code, core's own by name.
    [withCode('Z_DATA_ERROR'), true, 'DECODE_FAILED'],
    [withCode('ERR__ERROR_FORMAT_RESERVED'), true, 'DECODE_FAILED'],
    [new TypeError('terminated', { cause: withCode('Z_BUF_ERROR') }), true, 'DECODE_FAILED'],
    [Object.assign(new Error('gzip body does not decode'), { name: 'DecodeError' }), true, 'DECODE_FAILED'],
    [withCode('EACCES'), false, 'UNKNOWN'],
    [new Error('mystery'), false, 'UNKNOWN'],
  ] as const) {
    it(`${(error as Error).message}${midBody ? ' mid-body' : ''} → ${code}`, () => {
      expect(classifyError(error, { midBody }).code).toBe(code);
    });
  }

  it('names the cause that decided the code when the outer error says less (fetch)', () => {
    const error = new TypeError('fetch failed', { cause: connectError('ENETUNREACH') });
    expect(classifyError(error, { midBody: false }).message).toBe('fetch failed: connect ENETUNREACH 10.9.9.9:80');
    expect(classifyError(connectError('ENETUNREACH'), { midBody: false }).message).toBe(
      'connect ENETUNREACH 10.9.9.9:80',
    );
  });

  it('prefers the request’s own abort reason', () => {
    expect(classifyError(withCode('UND_ERR_ABORTED'), { abortReason: 'timeout', midBody: true }).code).toBe('TIMEOUT');
    expect(classifyError(withCode('UND_ERR_ABORTED'), { abortReason: 'aborted', midBody: false }).code).toBe('ABORTED');
  });
});

describe('classifyError on parser errors without a code', () => {
  it('maps undici HTTPParserError to PROTOCOL by name', () => {
    const error = Object.assign(new Error('Response does not match the HTTP/1.1 protocol'), {
      name: 'HTTPParserError',
    });
    expect(classifyError(error, { midBody: false }).code).toBe('PROTOCOL');
  });
});

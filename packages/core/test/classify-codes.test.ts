import { describe, expect, it } from 'vitest';
import { classifyError } from '../src/http/classify.js';

const withCode = (code: string, cause?: unknown) => Object.assign(new Error(code, { cause }), { code });

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
    [new Error('mystery'), false, 'UNKNOWN'],
  ] as const) {
    it(`${(error as Error).message}${midBody ? ' mid-body' : ''} → ${code}`, () => {
      expect(classifyError(error, { midBody }).code).toBe(code);
    });
  }

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

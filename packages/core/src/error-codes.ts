/**
 * Stable failure codes of a job. The same fault gives the same code in every
 * strategy; the conformance suite checks it. See docs/writing-a-strategy.md.
 */
export const JOB_ERROR_CODES = [
  'TIMEOUT',
  'CONNECTION_RESET',
  'CONNECTION_REFUSED',
  'DNS',
  'TRUNCATED',
  'BODY_TOO_LARGE',
  'REDIRECT_LOOP',
  'TOO_MANY_REDIRECTS',
  'PROTOCOL',
  'HTTP_STATUS',
  'WORKER_CRASHED',
  'ABORTED',
  // Appended (issue 22): the reach rule's refusal and the network-level failures that were UNKNOWN before.
  'REMOTE_REFUSED',
  'NETWORK_UNREACHABLE',
  'HOST_UNREACHABLE',
  'ADDRESS_UNAVAILABLE',
  'CONNECTION_BLOCKED',
  // Appended (issue 19): HTTPS and content coding. A certificate that does not verify (unknown CA, self-signed,
  // expired, another host's name); any other TLS failure (no shared protocol or cipher, not TLS at all); a body
  // whose Content-Encoding does not decode.
  'TLS_CERT_INVALID',
  'TLS_HANDSHAKE_FAILED',
  'DECODE_FAILED',
  'UNKNOWN',
] as const;

export type ErrorCode = (typeof JOB_ERROR_CODES)[number];

/** Codes of errors thrown to the caller (misuse, not job failures); errors.ts makes each. */
export type UsageErrorCode = 'INVALID_OPTIONS' | 'UNSUPPORTED' | 'STARTUP_FAILED';

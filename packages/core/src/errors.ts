import type { UsageErrorCode } from './error-codes.js';

/** An error for the caller: stable `code`, a message that names the bad value, `cause` when wrapping. */
export class FanoutError extends Error {
  readonly code: UsageErrorCode;

  constructor(code: UsageErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FanoutError';
    this.code = code;
  }
}

export function isFanoutError(value: unknown): value is FanoutError {
  return value instanceof FanoutError;
}

/** The one place usage errors are made, so codes and wording stay consistent. */
export const errors = {
  invalidOptions: (message: string) => new FanoutError('INVALID_OPTIONS', message),
  unsupported: (message: string) => new FanoutError('UNSUPPORTED', message),
  startupFailed: (what: string, cause: unknown) =>
    new FanoutError('STARTUP_FAILED', `${what} failed to start: ${describeCause(cause)}`, { cause }),
};

export function describeCause(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return String(cause);
}

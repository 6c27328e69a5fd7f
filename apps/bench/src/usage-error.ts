/** Exit codes, documented in the README. */
export const EXIT = { ok: 0, jobsFailed: 1, usage: 2, reportIncomplete: 3, interrupted: 130 } as const;

/** A user mistake: printed as one line, exit code 2, no stack trace, no report. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function isUsageError(value: unknown): value is UsageError {
  return value instanceof UsageError;
}

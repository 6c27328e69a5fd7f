import type { z } from 'zod';

/** Turns a zod error into one line that names each offending field and value. */
export function formatIssues(error: z.ZodError, input: unknown): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join('.');
      const value = valueAt(input, issue.path);
      const got = issue.code === 'unrecognized_keys' ? '' : ` (got ${show(value)})`;
      return path ? `${path}: ${issue.message}${got}` : `${issue.message}${got}`;
    })
    .join('; ');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Past this many characters a string is shown by its start and length (a PEM bundle, a pasted file). */
const SHOWN_CHARACTERS = 60;

export function show(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= SHOWN_CHARACTERS) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, SHOWN_CHARACTERS))}… (${value.length} characters)`;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

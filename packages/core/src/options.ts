import { z } from 'zod';
import type { StrategyOptions } from './contract.js';
import { errors } from './errors.js';
import { formatIssues } from './validation.js';

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
/** Far above anything sensible on one machine; catches typos such as 1e9. */
export const MAX_CONCURRENCY = 100_000;
export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_RETRIES = 0;

const integer = (min: number, max: number) =>
  z
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

export const strategyOptionsSchema = z
  .object({
    concurrency: integer(1, MAX_CONCURRENCY),
    timeoutMs: integer(1, 3_600_000).default(DEFAULT_TIMEOUT_MS),
    maxBodyBytes: integer(0, Number.MAX_SAFE_INTEGER).default(DEFAULT_MAX_BODY_BYTES),
    maxRedirects: integer(0, 50).default(DEFAULT_MAX_REDIRECTS),
    retries: integer(0, 10).default(DEFAULT_RETRIES),
    // Additive options with safe defaults (contract 1 still holds): loopback only, and no cap beyond concurrency.
    allowRemote: z.boolean({ error: 'must be true or false' }).default(false),
    maxPerOrigin: integer(1, MAX_CONCURRENCY).default(MAX_CONCURRENCY),
  })
  .strict();

/** Validates raw options once, at the edge; inside a strategy the types are trusted. */
export function parseStrategyOptions(input: unknown): StrategyOptions {
  const parsed = strategyOptionsSchema.safeParse(input);
  if (!parsed.success) throw errors.invalidOptions(`invalid strategy options: ${formatIssues(parsed.error, input)}`);
  return parsed.data;
}

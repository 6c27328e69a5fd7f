import { z } from 'zod';
import type { AcceptEncoding, StrategyOptions } from './contract.js';
import { errors } from './errors.js';
import { caProblem } from './trust.js';
import { formatIssues } from './validation.js';

/** A whole-number option's accepted range, and its value when not given (absent: it must be given). */
export interface OptionRange {
  readonly min: number;
  readonly max: number;
  readonly default?: number;
}

/** The content codings a strategy may ask for (contract.ts `AcceptEncoding`). */
export const ACCEPT_ENCODINGS = ['identity', 'gzip', 'br'] as const satisfies readonly AcceptEncoding[];

/** Far above anything sensible on one machine; catches typos such as 1e9. */
const MOST_IN_FLIGHT = 100_000;

/** The options that are whole numbers: each must have a range below. */
type WholeNumberOption = {
  [K in keyof StrategyOptions]: StrategyOptions[K] extends number ? K : never;
}[keyof StrategyOptions] &
  string;

/**
 * Every whole-number strategy option's range and default, declared once: the strategies' validation below and the
 * `fanout run` flags (apps/bench/src/flags/run-flags.ts) are both derived from it.
 */
export const OPTION_RANGES = {
  concurrency: { min: 1, max: MOST_IN_FLIGHT },
  timeoutMs: { min: 1, max: 3_600_000, default: 30_000 },
  maxBodyBytes: { min: 0, max: Number.MAX_SAFE_INTEGER, default: 64 * 1024 * 1024 },
  maxRedirects: { min: 0, max: 50, default: 5 },
  retries: { min: 0, max: 10, default: 0 },
  /** No cap beyond concurrency unless one is asked for. */
  maxPerOrigin: { min: 1, max: MOST_IN_FLIGHT, default: MOST_IN_FLIGHT },
} as const satisfies Record<WholeNumberOption, OptionRange>;

const integer = ({ min, max }: OptionRange) =>
  z
    .number({ error: 'must be a number' })
    .int({ error: 'must be an integer' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });

const { concurrency, timeoutMs, maxBodyBytes, maxRedirects, retries, maxPerOrigin } = OPTION_RANGES;

export const strategyOptionsSchema = z
  .object({
    concurrency: integer(concurrency),
    timeoutMs: integer(timeoutMs).default(timeoutMs.default),
    maxBodyBytes: integer(maxBodyBytes).default(maxBodyBytes.default),
    maxRedirects: integer(maxRedirects).default(maxRedirects.default),
    retries: integer(retries).default(retries.default),
    // Additive options with safe defaults (contract 1 still holds): loopback only, and no cap beyond concurrency.
    allowRemote: z.boolean({ error: 'must be true or false' }).default(false),
    maxPerOrigin: integer(maxPerOrigin).default(maxPerOrigin.default),
    // Additive (issue 19), defaults as before: the default roots alone, HTTP/1.1 only, no coding asked for.
    ca: z
      .string({ error: 'must be PEM text' })
      .superRefine((pem, context) => {
        const problem = caProblem(pem);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
    http2: z.boolean({ error: 'must be true or false' }).default(false),
    acceptEncoding: z
      .enum(ACCEPT_ENCODINGS, { error: `must be one of ${ACCEPT_ENCODINGS.join(', ')}` })
      .default('identity'),
  })
  .strict();

/** Validates raw options once, at the edge; inside a strategy the types are trusted. */
export function parseStrategyOptions(input: unknown): StrategyOptions {
  const parsed = strategyOptionsSchema.safeParse(input);
  if (!parsed.success) throw errors.invalidOptions(`invalid strategy options: ${formatIssues(parsed.error, input)}`);
  return parsed.data;
}

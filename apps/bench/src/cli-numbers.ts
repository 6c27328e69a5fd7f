import { z } from 'zod';

/** A whole number given as a flag's text: digits (optionally an exponent), in [min, max]; nothing coerced. */
export const integerFlag = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/, { error: 'must be a number' })
    .transform(Number)
    .pipe(
      z
        .number()
        .int({ error: 'must be a whole number' })
        .min(min, { error: `must be at least ${min}` })
        .max(max, { error: `must be at most ${max}` }),
    );

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

/** A decimal number given as a flag's text (`0.5`, `100`), in [min, max]; nothing coerced. */
export const positiveNumber = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^(\d+\.?\d*|\.\d+)$/, { error: 'must be a number' })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `must be at least ${min}` })
        .max(max, { error: `must be at most ${max}` }),
    );

/** A whole number in a range declared elsewhere (core's OPTION_RANGES): the flag and the option never disagree. */
export const rangeFlag = (range: { readonly min: number; readonly max: number }) => integerFlag(range.min, range.max);

/** A comma-separated list given as one flag (`1,10,50`); each item checked by `item`, an empty item named. */
export const listFlag = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((text) => text.split(',').map((part) => part.trim()))
    .pipe(z.array(item).min(1, { error: 'must not be empty' }));

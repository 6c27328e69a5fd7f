import { z } from 'zod';

/**
 * The one rule for a strategy's name. The name is a package folder (`fanout new`), a `fanout.strategy` field, a
 * module's `strategy.name`, an item of `--strategies` and a report row, so every one of them checks it here.
 */
export const MAX_STRATEGY_NAME_LENGTH = 64;

/** Why `name` cannot name a strategy, or undefined when it can: the first rule it breaks. */
export function strategyNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || !/^[a-z0-9-]+$/.test(name)) return 'must be lower-case letters, digits and dashes';
  if (name.length > MAX_STRATEGY_NAME_LENGTH) return `must be at most ${MAX_STRATEGY_NAME_LENGTH} characters`;
  if (!/^[a-z]/.test(name)) return 'must start with a letter';
  if (/--|-$/.test(name)) return 'must not hold two dashes in a row or end with one';
  return undefined;
}

/** The rule as a zod schema, for the fields and flags that carry a strategy name; the message is the rule broken. */
export const strategyNameSchema = z.string().superRefine((name, context) => {
  const problem = strategyNameProblem(name);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

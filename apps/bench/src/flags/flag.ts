import { show } from '@fanout/core';
import { z } from 'zod';
import type { Profile } from '../profiles.js';
import { UsageError } from '../usage-error.js';

/**
 * One flag, declared once. Its long name is the table key in kebab case
 * (`maxPerHost` → `--max-per-host`), so the name commander hands back can never
 * drift from the table. `schema` turns the flag's text into its value.
 */
export interface FlagInfo<Value> {
  readonly help: string;
  /** Placeholder for the value (`n` → `--jobs <n>`); absent: a switch without a value. */
  readonly arg?: string;
  /** Used when neither the flag nor a profile gives a value. */
  readonly default?: Value;
  /** The profile may set it: the value the profile gives when the flag is absent. */
  readonly fromProfile?: (profile: Profile) => Value;
  /** May be given more than once; the value is the list of every occurrence. */
  readonly repeatable?: boolean;
  /** Kept out of --help (test-only flags). */
  readonly hidden?: boolean;
}

export type FlagSpec<S extends z.ZodType = z.ZodType> = FlagInfo<z.output<S>> & { readonly schema: S };
export type FlagTable = Readonly<Record<string, FlagSpec>>;

/** Declares a flag: its schema (text → value) and the rest; the value type follows from the schema. */
export function flag<S extends z.ZodType, const I extends FlagInfo<z.output<S>>>(
  schema: S,
  info: I,
): I & { schema: S } {
  return { ...info, schema };
}

/** An on/off switch (no value); off unless given. */
export function toggle<const I extends Omit<FlagInfo<boolean>, 'arg' | 'default'>>(info: I) {
  return flag(z.boolean(), { ...info, default: false });
}

type Output<F> = F extends { schema: infer S extends z.ZodType }
  ? F extends { repeatable: true }
    ? z.output<S>[]
    : z.output<S>
  : never;
type HasFallback<F> = F extends { default: unknown } | { fromProfile: unknown } ? true : false;

/** Values as parsed from the command line: only the flags given. */
export type FlagValues<T extends FlagTable> = { [K in keyof T]?: Output<T[K]> };
/** Values after defaults and profile: a flag with a fallback is never undefined. */
export type SettledFlags<T extends FlagTable> = {
  readonly [K in keyof T]: HasFallback<T[K]> extends true ? Output<T[K]> : Output<T[K]> | undefined;
};
/** Flags as text, the way a caller outside commander (a test) gives them. */
export type RawFlags<T extends FlagTable> = {
  readonly [K in keyof T]?: T[K] extends { arg: string }
    ? T[K] extends { repeatable: true }
      ? readonly string[]
      : string
    : boolean;
};

export const flagName = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** One clear line: `--jobs must be at least 1 (got "0")`. */
export function flagProblem(name: string, message: string, value: unknown): UsageError {
  return new UsageError(`${name} ${message} (got ${show(value)})`);
}

/** Parses one occurrence of a flag; throws UsageError naming the flag and the bad value (a list's bad item). */
export function parseFlagText(name: string, schema: z.ZodType, text: unknown): unknown {
  const parsed = schema.safeParse(text);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (!issue) throw new UsageError(`${name} is not valid`);
  // A custom check that already quotes the value (the fault mix) speaks for itself.
  if (issue.code === 'custom' && issue.params?.quotesValue === true) throw new UsageError(`${name} ${issue.message}`);
  const [index] = issue.path;
  const item = typeof index === 'number' && typeof text === 'string' ? text.split(',')[index]?.trim() : text;
  throw flagProblem(name, issue.message, item);
}

/** Validates flags given as text (not through commander) with the same schemas. */
export function parseFlags<T extends FlagTable>(table: T, raw: RawFlags<T>): FlagValues<T> {
  const values: Record<string, unknown> = {};
  for (const [key, given] of Object.entries(raw)) {
    const spec = table[key];
    if (given === undefined || !spec) continue;
    const name = flagName(key);
    values[key] = Array.isArray(given)
      ? given.map((text: unknown) => parseFlagText(name, spec.schema, text))
      : parseFlagText(name, spec.schema, given);
  }
  return values as FlagValues<T>;
}

/** Fills in what was not given: the profile's value where it may set one, else the default. */
export function settleFlags<T extends FlagTable>(table: T, values: FlagValues<T>, profile?: Profile): SettledFlags<T> {
  const settled: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(table)) {
    const given = (values as Record<string, unknown>)[key];
    settled[key] = given ?? (profile && spec.fromProfile ? spec.fromProfile(profile) : undefined) ?? spec.default;
  }
  return settled as SettledFlags<T>;
}

import { type Command, Option } from 'commander';
import { PROFILES } from '../profiles.js';
import { type FlagSpec, type FlagTable, flagName, parseFlagText } from './flag.js';

/** Adds every flag of the table to the command; commander's argParser runs the flag's zod schema. */
export function addFlags(command: Command, table: FlagTable): Command {
  for (const [key, spec] of Object.entries(table)) command.addOption(toOption(key, spec));
  return command;
}

function toOption(key: string, spec: FlagSpec): Option {
  const name = flagName(key);
  const option = new Option(spec.arg ? `${name} <${spec.arg}>` : name, helpOf(spec));
  if (spec.hidden) option.hideHelp();
  if (!spec.arg) return option;
  return option.argParser((text: string, previous: unknown) => {
    const value = parseFlagText(name, spec.schema, text);
    return spec.repeatable ? [...((previous as unknown[] | undefined) ?? []), value] : value;
  });
}

/** The help line names where a missing value comes from: the quick profile, or the default. */
function helpOf(spec: FlagSpec): string {
  const quick = spec.fromProfile?.(PROFILES.quick);
  // A setting the quick profile leaves off (no --compress, no --rtt) has nothing to show.
  if (quick !== undefined && quick !== false) return `${spec.help} (quick: ${shown(quick)})`;
  if (spec.default !== undefined && spec.default !== false) return `${spec.help} (default: ${shown(spec.default)})`;
  return spec.help;
}

const shown = (value: unknown): string => (Array.isArray(value) ? value.join(',') : String(value));

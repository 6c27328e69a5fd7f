import { describe, expect, it } from 'vitest';
import { formatFaultMix } from '../src/config.js';
import { COMPARE_FLAGS, NEW_FLAGS, REPORT_FLAGS, SERVE_FLAGS } from '../src/flags/command-flags.js';
import { type FlagTable, flagName, parseFlagText, settleFlags } from '../src/flags/flag.js';
import { RUN_FLAGS } from '../src/flags/run-flags.js';
import { PROFILES } from '../src/profiles.js';
import { buildProgram } from '../src/program.js';
import { isUsageError } from '../src/usage-error.js';

const TABLES: Readonly<Record<string, FlagTable>> = {
  run: RUN_FLAGS,
  serve: SERVE_FLAGS,
  compare: COMPARE_FLAGS,
  report: REPORT_FLAGS,
  new: NEW_FLAGS,
};

/** Flags whose value is a number, found from the table itself: their fallback (default or quick profile) is one. */
const numericFlags = Object.entries(TABLES).flatMap(([command, table]) =>
  Object.entries(table)
    .filter(([, spec]) => typeof (spec.fromProfile?.(PROFILES.quick) ?? spec.default) === 'number')
    .map(([key, spec]) => ({ command, name: flagName(key), spec })),
);
const NOT_NUMBERS = ['ten', '', ' ', 'NaN', 'Infinity', '1e400', '0x10', '2.5.1', '-', '99999999999999999999'];
const quoted = (text: string) => JSON.stringify(text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('every flag is declared once, in one table per command', () => {
  it('finds the numeric flags of every command', () => {
    expect(numericFlags.map((f) => `${f.command} ${f.name}`)).toEqual(
      expect.arrayContaining(['run --jobs', 'run --timeout', 'serve --port', 'compare --threshold']),
    );
  });

  for (const { command, name, spec } of numericFlags) {
    it(`${command} ${name}: its own fallback reads back, and every non-number is refused naming the value`, () => {
      const fallback = spec.fromProfile?.(PROFILES.quick) ?? spec.default;
      expect(parseFlagText(name, spec.schema, String(fallback))).toBe(fallback);
      for (const bad of NOT_NUMBERS) {
        expect(() => parseFlagText(name, spec.schema, bad), bad).toThrow(
          // A list flag names the item (trimmed); a single value is shown as given.
          new RegExp(`^${name} .*\\(got (${quoted(bad)}|${quoted(bad.trim())})\\)$`),
        );
      }
    });

    it(`fanout ${command} ${name} ten: commander's argParser refuses it before the command runs`, async () => {
      const program = buildProgram();
      const args =
        command === 'compare' ? ['compare', 'a.json', 'b.json'] : command === 'new' ? ['new', 'x'] : [command];
      const error = await program
        .parseAsync([...args, name, 'ten'], { from: 'user' })
        .catch((caught: unknown) => caught);
      expect(isUsageError(error)).toBe(true);
      expect((error as Error).message).toMatch(
        new RegExp(`^${name} must be a (number|percentage)\\b.*\\(got "ten"\\)$`),
      );
    });
  }

  it('a run flag left out takes the profile value where a profile may set it, else the default', () => {
    const settled = settleFlags(RUN_FLAGS, { jobs: 7 }, PROFILES.seed);
    expect(settled.jobs).toBe(7);
    expect(settled.concurrency).toEqual(PROFILES.seed.concurrency);
    expect(settled.timeout).toBe(RUN_FLAGS.timeout.default);
    expect(settled.allowRemote).toBe(false);
    expect(settled.strategies).toBeUndefined();
  });

  it('a list flag names its bad item, and a repeatable flag collects every occurrence', async () => {
    expect(() => parseFlagText('--concurrency', RUN_FLAGS.concurrency.schema, '1, 5,x')).toThrow(
      /^--concurrency must be a number \(got "x"\)$/,
    );
    let seen: unknown;
    const program = buildProgram();
    program.commands
      .find((c) => c.name() === 'run')
      ?.action((flags: unknown) => {
        seen = flags;
      });
    const argv = ['run', '--url', 'http://127.0.0.1:1/a', '--url', 'http://127.0.0.1:1/b', '--faults', 'hang:0.5'];
    await program.parseAsync([...argv, '--concurrency', '2,2,4'], { from: 'user' });
    // Parsed once, here: the fault mix arrives as a mix, the levels as numbers.
    expect(seen).toMatchObject({
      url: ['http://127.0.0.1:1/a', 'http://127.0.0.1:1/b'],
      faults: { hang: 0.5 },
      concurrency: [2, 2, 4],
    });
  });

  it('passes the fault mix on parsed, and its text reads back to the same mix', () => {
    for (const text of ['hang:0.05,reset-mid-body:0.1', 'server-error:1', 'huge:0.0000001, slow-drip:.5', '']) {
      const mix = parseFlagText('--faults', RUN_FLAGS.faults.schema, text);
      expect(parseFlagText('--faults', RUN_FLAGS.faults.schema, formatFaultMix(mix as never))).toEqual(mix);
    }
  });
});

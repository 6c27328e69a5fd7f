import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPARE_FLAGS, NEW_FLAGS, REPORT_FLAGS, SERVE_FLAGS } from '../src/flags/command-flags.js';
import { type FlagTable, flagName } from '../src/flags/flag.js';
import { WORKER_FLAGS } from '../src/flags/queue-flags.js';
import { RUN_FLAGS } from '../src/flags/run-flags.js';
import { PROFILES } from '../src/profiles.js';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const visible = (table: FlagTable) => Object.entries(table).filter(([, spec]) => !spec.hidden);

/** The `fanout run` table's rows: flag name → the "quick profile" cell, backticks dropped. */
function runTableRows(): Map<string, string> {
  const section = README.slice(README.indexOf('### `fanout run`'), README.indexOf('Profiles are data'));
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const name = /^`(--[a-z0-9-]+)/.exec(cells[1] ?? '')?.[1];
    if (name) rows.set(name, (cells[3] ?? '').replaceAll('`', ''));
  }
  return rows;
}

describe("README's command line section matches the flag tables", () => {
  it('lists every run flag once, and no flag the table lacks', () => {
    expect([...runTableRows().keys()].sort()).toEqual(
      visible(RUN_FLAGS)
        .map(([key]) => flagName(key))
        .sort(),
    );
  });

  it("gives the quick profile's value or the default of each run flag that has one", () => {
    const rows = runTableRows();
    for (const [key, spec] of visible(RUN_FLAGS)) {
      const value = spec.fromProfile?.(PROFILES.quick) ?? spec.default;
      if (value === undefined || typeof value === 'boolean') continue;
      const text = Array.isArray(value) ? (value.length > 0 ? value.join(',') : 'none') : String(value);
      const mib = typeof value === 'number' && value >= 2 ** 20 ? `${value / 2 ** 20} MiB` : text;
      expect([text, mib], flagName(key)).toContain(rows.get(flagName(key)));
    }
  });

  for (const [command, table] of Object.entries({
    serve: SERVE_FLAGS,
    compare: COMPARE_FLAGS,
    report: REPORT_FLAGS,
    new: NEW_FLAGS,
    worker: WORKER_FLAGS,
  })) {
    it(`names every ${command} flag in its heading`, () => {
      const heading = README.split('\n').find((line) => line.startsWith(`### \`fanout ${command} `)) ?? '';
      // `--out DIR`, or a switch as `[--wide]`.
      for (const [key] of visible(table)) expect(heading, key).toMatch(new RegExp(`${flagName(key)}[ \\]]`));
    });
  }
});

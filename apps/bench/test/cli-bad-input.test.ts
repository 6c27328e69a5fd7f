import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../src/program.js';
import { isUsageError } from '../src/usage-error.js';
import { runCli, tempDir } from './cli-helper.js';

const files = tempDir();
writeFileSync(join(files, 'bad-urls.txt'), 'http://127.0.0.1/ok\n# comment\nftp://127.0.0.1/x\n');
writeFileSync(join(files, 'empty-urls.txt'), '# nothing here\n\n');

const BAD: readonly [string[], RegExp][] = [
  [['--url-file', join(files, 'missing.txt')], /--url-file ".*missing\.txt": no such file/],
  [['--url-file', files], /--url-file ".*": is a directory/],
  [['--url-file', join(files, 'empty-urls.txt')], /holds no URLs/],
  [['--url-file', join(files, 'bad-urls.txt')], /line 3: "ftp:\/\/127\.0\.0\.1\/x" must be http or https/],
  [['--retries', '-1'], /--retries .*"-1"/],
  [['--faults', 'bogus:0.1'], /--faults "bogus:0\.1": .*unknown fault "bogus"; known faults: reset-before-headers/],
  [['--faults', 'hang:2'], /--faults "hang:2"/],
  [['--faults', 'hang:0.1', '--url', 'http://127.0.0.1:9/'], /--faults applies to the embedded fixture server only/],
  [['--timeout', '0'], /--timeout .*"0"/],
  [['--max-redirects', 'many'], /--max-redirects .*"many"/],
  [['--concurrency', '0'], /--concurrency .*at least 1.*"0"/],
  [['--concurrency', '-4'], /--concurrency .*"-4"/],
  [['--concurrency', '2.5'], /--concurrency .*whole number.*"2\.5"/],
  [['--concurrency', 'ten'], /--concurrency .*number.*"ten"/],
  [['--concurrency', '1,,5'], /--concurrency .*""/],
  [['--concurrency', '1e9'], /--concurrency .*at most.*"1e9"/],
  [['--jobs', '0'], /--jobs .*"0"/],
  [['--jobs', '-1'], /--jobs .*"-1"/],
  [['--jobs', '1.5'], /--jobs .*"1\.5"/],
  [['--jobs', 'NaN'], /--jobs .*"NaN"/],
  [['--jobs', '99999999999'], /--jobs .*at most.*"99999999999"/],
  [['--iterations', '0'], /--iterations .*"0"/],
  [['--latency', '-5'], /--latency .*"-5"/],
  [['--strategies', 'nope'], /unknown strategy "nope"; known: async, .*sequential.*thread-pool/],
  [['--strategies', 'async,Bad Name'], /--strategies .*"Bad Name"/],
  [['--url', 'ftp://127.0.0.1/x'], /--url .*http or https.*ftp/],
  [['--url', 'file:///etc/passwd'], /--url .*http or https/],
  [['--url', 'javascript:alert(1)'], /--url .*http or https/],
  [['--url', 'not a url'], /--url is not a URL.*"not a url"/],
  [['--url', 'http://example.com/'], /--url .*loopback.*"http:\/\/example\.com\/"/],
  [['--url', 'http://10.0.0.1/'], /--url .*loopback/],
  [['--profile', 'nope'], /profile.*nope/],
  [['--bogus'], /unknown option '--bogus'/],
];

/**
 * One case of each way a mistake reaches cli.ts (a flag's value refused by its parser, a check across flags, a file
 * read, a strategy looked up, an option commander does not know): these run the built CLI in a process of its own.
 * The rest go through the same program in this process (a CLI process costs ~0.35 s of CPU to start, and the whole
 * list did it 33 times), which proves the same refusal and message but not cli.ts's exit code, the part the cases
 * here prove for each route.
 */
const THROUGH_THE_CLI = new Set(['--concurrency 0', '--url-file', '--faults hang:0.1', '--strategies nope', '--bogus']);
const throughTheCli = (args: readonly string[]) =>
  [...THROUGH_THE_CLI].some((start) => args.join(' ').startsWith(start));

describe('fanout run refuses bad input before any work', () => {
  for (const [args, message] of BAD.filter(([args]) => !throughTheCli(args))) {
    it(`${args.join(' ')} → a usage error naming the value, before any work (in this process)`, async () => {
      const cwd = tempDir();
      const out = join(cwd, 'out');
      const error = await buildProgram()
        .parseAsync(['run', ...args, '--out', out], { from: 'user' })
        .then(
          () => new Error('accepted'),
          (caught: unknown) => caught,
        );
      // What cli.ts turns into one line and exit 2: a usage error, or commander's own (already printed by it).
      expect(isUsageError(error) || error instanceof CommanderError, String(error)).toBe(true);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(cwd)).toEqual([]);
    });
  }

  for (const [args, message] of BAD.filter(([args]) => throughTheCli(args))) {
    it(`${args.join(' ')} → exit 2, one line naming the value, no report`, async () => {
      const cwd = tempDir();
      const out = join(cwd, 'out');
      const result = await runCli(['run', ...args, '--out', out], cwd);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(cwd)).toEqual([]);
    });
  }

  it('refuses a --json path that is a directory, and an --out under a file', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'adir'));
    writeFileSync(join(cwd, 'afile'), 'x');
    const asDir = await runCli(['run', '--json', join(cwd, 'adir')], cwd);
    expect(asDir.code).toBe(2);
    expect(asDir.stderr).toMatch(/--json .*adir.* is a directory/);
    const underFile = await runCli(['run', '--out', join(cwd, 'afile', 'sub')], cwd);
    expect(underFile.code).toBe(2);
    expect(underFile.stderr).toMatch(/--out .*afile exists and is not a directory/);
  });

  it('rejects an unknown command with exit 2', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('serve rejects a bad port with exit 2', async () => {
    const result = await runCli(['serve', '--port', '70000']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--port/);
  });

  // The other commands' flags come from the same kind of table: one line naming flag and value, exit 2.
  for (const [args, message] of [
    [['serve', '--latency', 'ten'], /^fanout: --latency must be a number \(got "ten"\)$/],
    [['serve', '--faults', 'hang:2'], /^fanout: --faults "hang:2": /],
    [['compare', 'a.json', 'b.json', '--threshold', '1e3'], /^fanout: --threshold .*\(got "1e3"\)$/],
    [['report', 'r.json', '--out', ''], /^fanout: --out must not be empty \(got ""\)$/],
    [['new', 'x', '--description', 'two\nlines'], /^fanout: --description must be one line/],
  ] as const) {
    it(`${args.join(' ')} → exit 2, one line`, async () => {
      const cwd = tempDir();
      const result = await runCli([...args], cwd);
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(readdirSync(cwd)).toEqual([]);
    });
  }
});

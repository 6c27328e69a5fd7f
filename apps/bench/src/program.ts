import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_RETRIES, DEFAULT_TIMEOUT_MS } from '@fanout/core';
import { FAULT_NAMES } from '@fanout/fixture-server';
import { Command, Option } from 'commander';
import { type CompareFlags, compareCommand } from './commands/compare.js';
import { listCommand } from './commands/list.js';
import { type NewStrategyFlags, newStrategyCommand } from './commands/new-strategy.js';
import { reportCommand } from './commands/report.js';
import { type RunFlags, runCommand } from './commands/run.js';
import { type ServeFlags, serveCommand } from './commands/serve.js';
import { DEFAULT_MAX_PER_HOST } from './config.js';
import { PEER_NAMES } from './peers/peer.js';
import { PROFILE_NAMES, PROFILES } from './profiles.js';

const quick = PROFILES.quick;

/** The `fanout` command line. Flags arrive as strings and are validated in one place (config.ts). */
export function buildProgram(): Command {
  const program = new Command('fanout')
    .description(
      'Measure which concurrency strategy wins for fan-out downloads in Node.js, by how much, and at what cost.',
    )
    .exitOverride()
    .configureOutput({ outputError: (message, write) => write(`fanout: ${message.replace(/^error: /, '')}`) })
    .showSuggestionAfterError()
    .helpCommand(true);

  program
    .command('run')
    .description(
      'benchmark strategies at one or more concurrency levels and report (table on stdout, JSON under results/)',
    )
    .addOption(
      new Option('--profile <name>', 'named settings; flags override them').choices(PROFILE_NAMES).default('quick'),
    )
    .option('--strategies <list>', 'comma-separated strategy names (default: all discovered)')
    .option(
      '--peers <list>',
      `also run trusted peers on the same target: ${PEER_NAMES.join(', ')}, all, or none (peers profile: all)`,
    )
    .option(
      '--concurrency <list>',
      `comma-separated concurrency levels, one run each (quick: ${quick.concurrency.join(',')})`,
    )
    .option('--jobs <n>', `jobs (URLs) per batch (quick: ${quick.jobs})`)
    .option('--latency <ms>', `added server latency per request, embedded server (quick: ${quick.pages[0].latencyMs})`)
    .option('--size <bytes>', `response body size, embedded server (quick: ${quick.pages[0].sizeBytes})`)
    .option('--url <url>', 'benchmark this URL instead of the embedded server (repeatable)', collect, [])
    .option(
      '--faults <mix>',
      `embedded server fault mix, e.g. hang:0.05,reset-mid-body:0.1 (${FAULT_NAMES.join(', ')})`,
    )
    .option('--url-file <file>', 'read URLs from a file, one per line (blank lines and # comments ignored)')
    .option('--allow-remote', 'allow non-loopback URLs (capped by --max-per-host; be polite)')
    .option('--max-per-host <n>', 'with --allow-remote: most requests in flight at once', String(DEFAULT_MAX_PER_HOST))
    .option('--iterations <n>', `timed batches per point (default: from the profile; quick: ${quick.batches.min})`)
    .option('--time <ms>', `minimum timed milliseconds per point (quick: ${quick.timeMs})`)
    .option('--timeout <ms>', 'per-request deadline: connect, headers and body', String(DEFAULT_TIMEOUT_MS))
    .option('--max-body <bytes>', 'larger bodies fail with BODY_TOO_LARGE', String(DEFAULT_MAX_BODY_BYTES))
    .option(
      '--max-redirects <n>',
      'redirects followed per job (0: a 3xx is HTTP_STATUS)',
      String(DEFAULT_MAX_REDIRECTS),
    )
    .option('--retries <n>', 'extra attempts after a transport error, with backoff', String(DEFAULT_RETRIES))
    .option('--json <file>', 'also write the JSON report to this file')
    .option('--out <dir>', 'folder for report.json (default: results/<timestamp>)')
    .option(
      '--strategy-module <path|package>',
      'also load a strategy kept outside this workspace (repeatable)',
      collect,
      [],
    )
    .option('--fail-on-error', 'exit 1 when any job failed')
    .addHelpText(
      'after',
      `\nProfiles:\n${profileHelp()}\n\nExit codes: 0 done, 1 jobs failed with --fail-on-error, 2 bad usage, 3 a report file could not be written (the JSON is saved elsewhere; see stderr), 130 interrupted.`,
    )
    .action(async (flags: RunFlags & { profile: string }) => {
      program.setOptionValue('exitCode', await runCommand(flags));
    });

  program
    .command('compare')
    .description('compare two JSON reports point by point; exit 1 when a point regressed beyond the threshold')
    .argument('<a>', 'the baseline report.json')
    .argument('<b>', 'the report to judge')
    .option('--threshold <percent>', 'slower by more than this, beyond noise, is a regression', '10')
    .action((a: string, b: string, flags: CompareFlags) => {
      program.setOptionValue('exitCode', compareCommand(a, b, flags));
    });

  program
    .command('report')
    .description('render the table, report.md and sweep.svg again from a report.json')
    .argument('<file>', 'a report.json')
    .option('--out <dir>', "folder for report.md and sweep.svg (default: the report's folder)")
    .action(async (file: string, flags: { out?: string }) => {
      program.setOptionValue('exitCode', await reportCommand(file, flags));
    });

  program
    .command('list')
    .description('list discovered strategies: name, package, description')
    .action(() => listCommand());

  program
    .command('serve')
    .description('run the fixture server in the foreground on 127.0.0.1; prints its URL first')
    .option('--port <port>', 'port (0 picks a free one)', '0')
    .option('--latency <ms>', 'added latency per request', '0')
    .option('--size <bytes>', 'response body size', '1024')
    .option('--faults <mix>', `fault mix for requests without ?fault=, e.g. hang:0.05 (${FAULT_NAMES.join(', ')})`)
    .action(async (flags: ServeFlags) => serveCommand(flags));

  program
    .command('new')
    .description('scaffold a strategy package in packages/<name> (pnpm new:strategy <name>)')
    .argument('<name>', 'strategy name: lower-case letters, digits and dashes')
    .option('--description <text>', 'one-line description shown by fanout list')
    .addOption(new Option('--root <dir>', 'workspace root').hideHelp())
    .action((name: string, flags: NewStrategyFlags) => newStrategyCommand(name, flags));

  return program;
}

function profileHelp(): string {
  return PROFILE_NAMES.map((name) => `  ${name}: ${PROFILES[name].description}`).join('\n');
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

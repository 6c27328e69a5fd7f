import { Command } from 'commander';
import { type CompareFlags, compareCommand } from './commands/compare.js';
import { listCommand } from './commands/list.js';
import { type NewStrategyFlags, newStrategyCommand } from './commands/new-strategy.js';
import { type ReportFlags, reportCommand } from './commands/report.js';
import { type RunFlags, runCommand } from './commands/run.js';
import { type ServeFlags, serveCommand } from './commands/serve.js';
import { type WorkerFlags, workerCommand } from './commands/worker.js';
import { COMPARE_FLAGS, NEW_FLAGS, REPORT_FLAGS, SERVE_FLAGS } from './flags/command-flags.js';
import { addFlags } from './flags/commander.js';
import { WORKER_FLAGS } from './flags/queue-flags.js';
import { RUN_FLAGS } from './flags/run-flags.js';
import { profileHelp } from './profile-description.js';

/** The `fanout` command line. Flags come from one table per command (flags/), parsed and validated as they are read. */
export function buildProgram(): Command {
  const program = new Command('fanout')
    .description(
      'Measure which concurrency strategy wins for fan-out downloads in Node.js, by how much, and at what cost.',
    )
    .exitOverride()
    .configureOutput({ outputError: (message, write) => write(`fanout: ${message.replace(/^error: /, '')}`) })
    .showSuggestionAfterError()
    .helpCommand(true);

  addFlags(
    program
      .command('run')
      .description(
        'benchmark strategies at one or more concurrency levels and report (table on stdout, JSON under results/)',
      ),
    RUN_FLAGS,
  )
    .addHelpText(
      'after',
      `\nProfiles:\n${profileHelp()}\n\nExit codes: 0 done, 1 jobs failed with --fail-on-error, 2 bad usage, 3 a report file could not be written (the JSON is saved elsewhere; see stderr), 130 interrupted.`,
    )
    .action(async (flags: RunFlags) => {
      program.setOptionValue('exitCode', await runCommand(flags));
    });

  addFlags(
    program
      .command('compare')
      .description('compare two JSON reports point by point; exit 1 when a point regressed beyond the threshold')
      .argument('<a>', 'the baseline report.json')
      .argument('<b>', 'the report to judge'),
    COMPARE_FLAGS,
  ).action((a: string, b: string, flags: CompareFlags) => {
    program.setOptionValue('exitCode', compareCommand(a, b, flags));
  });

  addFlags(
    program
      .command('report')
      .description('render the table, report.md and sweep.svg again from a report.json')
      .argument('<file>', 'a report.json'),
    REPORT_FLAGS,
  ).action(async (file: string, flags: ReportFlags) => {
    program.setOptionValue('exitCode', await reportCommand(file, flags));
  });

  program
    .command('list')
    .description('list discovered strategies: name, package, description')
    .action(() => listCommand());

  addFlags(
    program
      .command('serve')
      .description('run the fixture server in the foreground on 127.0.0.1 (or --host); prints its URL first'),
    SERVE_FLAGS,
  ).action(async (flags: ServeFlags) => serveCommand(flags));

  addFlags(
    program
      .command('worker')
      .description(
        'run one queue worker for runs with --local-workers 0 on the same Redis (anywhere that reaches Redis and the target)',
      ),
    WORKER_FLAGS,
  ).action(async (flags: WorkerFlags) => {
    program.setOptionValue('exitCode', await workerCommand(flags));
  });

  addFlags(
    program
      .command('new')
      .description('scaffold a strategy package in packages/<name> (pnpm new:strategy <name>)')
      .argument('<name>', 'strategy name: lower-case letters, digits and single dashes, a letter first'),
    NEW_FLAGS,
  ).action((name: string, flags: NewStrategyFlags) => newStrategyCommand(name, flags));

  return program;
}

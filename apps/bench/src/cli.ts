#!/usr/bin/env node
import { isFanoutError } from '@fanout/core';
import { CommanderError } from 'commander';
import { buildProgram } from './program.js';
import { exitQuietlyOnBrokenPipe } from './stdout-pipe.js';
import { EXIT, isUsageError } from './usage-error.js';

/** Entry point: user mistakes are one line and exit 2; anything else is a bug and shows its stack. */
async function main(argv: readonly string[]): Promise<number> {
  try {
    const program = buildProgram();
    await program.parseAsync([...argv], { from: 'user' });
    return (program.getOptionValue('exitCode') as number | undefined) ?? EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (isUsageError(error) || (isFanoutError(error) && error.code === 'INVALID_OPTIONS')) {
      process.stderr.write(`fanout: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    process.stderr.write(
      `fanout: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}

exitQuietlyOnBrokenPipe();
process.exitCode = await main(process.argv.slice(2));

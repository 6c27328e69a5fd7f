import { type RunFlagValues, resolveRunConfig } from '../config.js';
import { prepareRunOutput } from '../output/run-output.js';
import { buildReport } from '../session/build-report.js';
import { runSession } from '../session/session.js';
import { loadSelectedStrategies } from '../strategies/select.js';
import { runExitCode } from './run-exit-code.js';
import { showAndPublish } from './show-report.js';

/** The flags as commander parsed them from RUN_FLAGS (flags/run-flags.ts). */
export type RunFlags = RunFlagValues;

/**
 * `fanout run`: everything a user can get wrong is checked before anything is measured (flags, strategies, the
 * output folder); then one session measures; the report is built once, shown, written, and judged for the exit code.
 */
export async function runCommand(flags: RunFlags): Promise<number> {
  const config = resolveRunConfig(flags);
  const strategies = await loadSelectedStrategies(config.strategies, config.strategyModules, config.excludedStrategies);
  const startedAt = new Date();
  const output = prepareRunOutput(config.outDir, config.json, startedAt);
  const session = await runSession(config, strategies);
  const report = buildReport(config, strategies, session, startedAt);
  const published = await showAndPublish(report, output.outDir, output.json, flags.wide);
  return runExitCode(report, published, config.failOnError);
}

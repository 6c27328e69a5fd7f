import { dirname } from 'node:path';
import type { REPORT_FLAGS } from '../flags/command-flags.js';
import type { FlagValues } from '../flags/flag.js';
import { loadReport } from '../model/load.js';
import { prepareOutputDir } from '../output/probe.js';
import { EXIT } from '../usage-error.js';
import { showAndPublish } from './show-report.js';

export type ReportFlags = FlagValues<typeof REPORT_FLAGS>;

/** `fanout report FILE [--out DIR]`: renders the table, report.md, sweep.svg and report.html again from a JSON report. */
export async function reportCommand(file: string, flags: ReportFlags): Promise<number> {
  const report = loadReport(file);
  const outDir = flags.out ?? dirname(file);
  prepareOutputDir(outDir, '--out');
  // The JSON is rewritten too: the folder may be new, and the file was validated on load.
  const published = await showAndPublish(report, outDir, undefined, flags.wide);
  return published.failures.length > 0 ? EXIT.reportIncomplete : EXIT.ok;
}

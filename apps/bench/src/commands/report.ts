import { dirname } from 'node:path';
import { loadReport } from '../compare/index.js';
import { writeReportFiles } from '../report/outputs.js';
import { renderTable } from '../report/table.js';
import { assertWritableDir } from '../report/write.js';

/** `fanout report FILE [--out DIR]`: renders the table, report.md, sweep.svg and report.html again from a JSON report. */
export async function reportCommand(file: string, flags: { readonly out?: string }): Promise<void> {
  const report = loadReport(file);
  const outDir = flags.out ?? dirname(file);
  assertWritableDir(outDir, '--out');
  const written = await writeReportFiles(report, outDir);
  process.stdout.write(`${renderTable(report.runs)}\n`);
  process.stderr.write(`report: ${written.join(', ')}\n`);
}

import type { Report } from '../model/schema.js';
import { describePublished, type Published, publishReport } from '../output/publish.js';
import { REPORT_RENDERINGS } from '../report/outputs.js';
import { renderTable, stdoutTableWidth } from '../report/table.js';

/**
 * The table on stdout first (whatever happens to the files, the run has been shown), then report.json, --json and
 * the renderings, each failure named on stderr. `fanout run` and `fanout report` end the same way. The table fits a
 * terminal unless `wide` (--wide); a pipe or a file gets every column.
 */
export async function showAndPublish(
  report: Report,
  outDir: string,
  json: string | undefined,
  wide: boolean | undefined,
): Promise<Published> {
  process.stdout.write(`${renderTable(report, { maxWidth: stdoutTableWidth(wide) })}\n`);
  const published = await publishReport(report, outDir, json, REPORT_RENDERINGS);
  describePublished(published);
  return published;
}

import { join } from 'node:path';
import { renderMarkdown } from './markdown.js';
import type { Report } from './schema.js';
import { renderSweepSvg } from './svg.js';
import { writeFileAtomic } from './write.js';

/** Writes report.json, report.md and sweep.svg into `outDir` (and the JSON to `jsonPath` too); returns the paths. */
export async function writeReportFiles(report: Report, outDir: string, jsonPath?: string): Promise<string[]> {
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const files: [string, string][] = [
    [join(outDir, 'report.json'), json],
    [join(outDir, 'report.md'), renderMarkdown(report)],
    [join(outDir, 'sweep.svg'), await renderSweepSvg(report)],
  ];
  if (jsonPath) files.push([jsonPath, json]);
  for (const [path, content] of files) writeFileAtomic(path, content);
  return files.map(([path]) => path);
}

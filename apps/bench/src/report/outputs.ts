import { join } from 'node:path';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import type { Report } from './schema.js';
import { renderSweepSvg } from './svg.js';
import { writeFileAtomic } from './write.js';

/** Writes report.json, report.md, sweep.svg and report.html into `outDir` (and the JSON to `jsonPath` too); returns the paths. */
export async function writeReportFiles(report: Report, outDir: string, jsonPath?: string): Promise<string[]> {
  // The JSON first: a run of several minutes must not be lost to a chart that fails to render.
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const written = [join(outDir, 'report.json'), ...(jsonPath ? [jsonPath] : [])];
  for (const path of written) writeFileAtomic(path, json);
  const renderers: [string, () => string | Promise<string>][] = [
    ['report.md', () => renderMarkdown(report)],
    ['sweep.svg', () => renderSweepSvg(report)],
    ['report.html', () => renderHtml(report)],
  ];
  for (const [name, render] of renderers) {
    try {
      writeFileAtomic(join(outDir, name), await render());
      written.push(join(outDir, name));
    } catch (error) {
      process.stderr.write(`warning: could not render ${name}: ${(error as Error).message}\n`);
    }
  }
  return written;
}

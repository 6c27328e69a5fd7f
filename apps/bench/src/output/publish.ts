import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Report } from '../model/schema.js';
import { writeFileAtomic } from './atomic.js';
import { messageOf } from './directory.js';

/** A report file drawn from the JSON report (Markdown, SVG, HTML); loaded and run only when written. */
export interface Rendering {
  readonly file: string;
  readonly render: (report: Report) => string | Promise<string>;
}

export interface Published {
  /** Every file written. */
  readonly written: readonly string[];
  /** One line per file that could not be written or rendered. */
  readonly failures: readonly string[];
  /** Where the JSON went when its own destination failed; undefined when it was not needed. */
  readonly fallback?: string;
}

/**
 * Writes report.json (and `--json`), then the renderings, into `outDir`. The
 * measurements are never lost: if the JSON cannot be written where asked, it
 * goes to the OS temp folder, and if even that fails, to stderr. A rendering
 * that fails is listed, not skipped silently.
 */
export async function publishReport(
  report: Report,
  outDir: string,
  jsonPath: string | undefined,
  renderings: readonly Rendering[],
): Promise<Published> {
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const written: string[] = [];
  const failures: string[] = [];
  let jsonSaved = false;
  for (const path of [join(outDir, 'report.json'), ...(jsonPath ? [jsonPath] : [])]) {
    try {
      writeFileAtomic(path, json);
      written.push(path);
      jsonSaved = true;
    } catch (error) {
      failures.push(`could not write ${path}: ${messageOf(error)}`);
    }
  }
  const fallback = jsonSaved ? undefined : saveFallback(json, report, failures);
  for (const { file, render } of renderings) {
    const path = join(outDir, file);
    try {
      writeFileAtomic(path, await render(report));
      written.push(path);
    } catch (error) {
      failures.push(`could not write ${path}: ${messageOf(error)}`);
    }
  }
  return { written, failures, ...(fallback ? { fallback } : {}) };
}

function saveFallback(json: string, report: Report, failures: string[]): string | undefined {
  const stamp = report.finishedAt.replace(/[:.]/g, '-');
  const path = join(tmpdir(), `fanout-report-${stamp}-${process.pid}.json`);
  try {
    writeFileAtomic(path, json);
    return path;
  } catch (error) {
    failures.push(`could not write the fallback ${path} either: ${messageOf(error)}; the report follows on stderr`);
    process.stderr.write(json);
    return undefined;
  }
}

/** Tells stderr what was written and what was not, one line each. */
export function describePublished(published: Published): void {
  if (published.written.length > 0) process.stderr.write(`report: ${published.written.join(', ')}\n`);
  for (const failure of published.failures) process.stderr.write(`fanout: ${failure}\n`);
  if (published.fallback) process.stderr.write(`fanout: the JSON report was saved to ${published.fallback} instead\n`);
}

import { readFileSync } from 'node:fs';
import { UsageError } from '../usage-error.js';
import { migrateReport } from './migrate.js';
import { oneLine } from './one-line.js';
import { type Report, reportSchema } from './schema.js';

/**
 * Reads and validates a report written by `fanout run`, of any schema version this tool knows (1 to 3). Every
 * failure is a UsageError with one line that names the file and what is wrong with it: the user gave us the path,
 * so it is their input to fix, not a crash.
 */
export function loadReport(path: string): Report {
  const name = JSON.stringify(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT') throw new UsageError(`report ${name} does not exist`);
    if (code === 'EISDIR') throw new UsageError(`report ${name} is a directory, not a file`);
    throw new UsageError(`report ${name} cannot be read (${code ?? describe(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`report ${name} is not valid JSON: ${describe(error)}`);
  }
  // Older files are read too: migrated to the current shape first (model/migrate.ts).
  const result = reportSchema.safeParse(migrateReport(json));
  if (!result.success) {
    // The first issue is enough to find the problem; zod lists them in document order.
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
    throw new UsageError(`report ${name} is not a fanout report: at ${where}: ${describe(issue?.message)}`);
  }
  return result.data;
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function describe(value: unknown): string {
  const text = value instanceof Error ? value.message : String(value);
  return oneLine(text, 200);
}

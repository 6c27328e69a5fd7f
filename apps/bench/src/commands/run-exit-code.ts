import { isSkipped, type Report } from '../model/schema.js';
import type { Published } from '../output/publish.js';
import { EXIT } from '../usage-error.js';

/** How long an interrupted run may take to exit once its report is written. */
const INTERRUPTED_EXIT_MS = 2000;

/** `fanout run`'s exit code (README: 0 done, 1 jobs failed with --fail-on-error, 3 a file not written, 130 Ctrl-C). */
export function runExitCode(report: Report, published: Published, failOnError: boolean): number {
  const incomplete = published.failures.length > 0;
  if (report.interrupted) {
    // The report is written; a pool still starting or closing must not hold the exit for long.
    const code = incomplete ? EXIT.reportIncomplete : EXIT.interrupted;
    setTimeout(() => process.exit(code), INTERRUPTED_EXIT_MS).unref();
    return code;
  }
  if (incomplete) return EXIT.reportIncomplete;
  const failed = report.runs.some((run) => !isSkipped(run) && run.totals.failed > 0);
  return failOnError && failed ? EXIT.jobsFailed : EXIT.ok;
}

import { compareReports, hasRegression, renderComparison } from '../compare/index.js';
import { loadReport } from '../model/load.js';
import { EXIT, UsageError } from '../usage-error.js';

export interface CompareFlags {
  readonly threshold: string;
}

/** `fanout compare A.json B.json`: ratios per point, noise-aware verdicts; exit 1 on a regression beyond the threshold. */
export function compareCommand(a: string, b: string, flags: CompareFlags): number {
  const threshold = Number(flags.threshold);
  if (!/^\d+(\.\d+)?$/.test(flags.threshold.trim()) || !Number.isFinite(threshold) || threshold > 1000) {
    throw new UsageError(
      `--threshold must be a percentage between 0 and 1000 (got ${JSON.stringify(flags.threshold)})`,
    );
  }
  const comparison = compareReports(loadReport(a), loadReport(b), { thresholdPercent: threshold });
  process.stdout.write(`${renderComparison(comparison)}\n`);
  return hasRegression(comparison) ? EXIT.jobsFailed : EXIT.ok;
}

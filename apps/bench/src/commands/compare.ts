import { compareReports, hasRegression, renderComparison } from '../compare/index.js';
import { COMPARE_FLAGS } from '../flags/command-flags.js';
import { type FlagValues, settleFlags } from '../flags/flag.js';
import { loadReport } from '../model/load.js';
import { EXIT } from '../usage-error.js';

export type CompareFlags = FlagValues<typeof COMPARE_FLAGS>;

/** `fanout compare A.json B.json`: ratios per point, noise-aware verdicts; exit 1 on a regression beyond the threshold. */
export function compareCommand(a: string, b: string, flags: CompareFlags): number {
  const { threshold } = settleFlags(COMPARE_FLAGS, flags);
  const comparison = compareReports(loadReport(a), loadReport(b), { thresholdPercent: threshold });
  process.stdout.write(`${renderComparison(comparison)}\n`);
  return hasRegression(comparison) ? EXIT.jobsFailed : EXIT.ok;
}

// Two-sided 95% Student t quantiles for 1…30 degrees of freedom; 1.96 beyond.
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export interface Spread {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly median: number;
  /** Relative margin of error of the mean, percent (95%); undefined with fewer than two samples. */
  readonly rme: number | undefined;
}

/** Mean, median, extremes and the relative margin of error of a few samples (the same statistic tinybench reports). */
export function spreadOf(samples: readonly number[]): Spread {
  const n = samples.length;
  const mean = samples.reduce((sum, x) => sum + x, 0) / n;
  const min = Math.min(...samples);
  const max = Math.max(...samples);
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(n / 2);
  const median =
    n % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  if (n < 2 || mean === 0) return { mean, min, max, median, rme: undefined };
  const variance = samples.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (n - 1);
  const t = T95[n - 2] ?? 1.96;
  return { mean, min, max, median, rme: ((t * Math.sqrt(variance / n)) / mean) * 100 };
}

import type { StrategyDefinition } from '@fanout/core';

export interface ConformanceOptions {
  /** Concurrency used by the suite's checks, capped by the definition's maxConcurrency. Default 4. */
  readonly concurrency?: number;
  /**
   * Whether the strategy's results carry `wireBytes` for an encoded body (default true). fetch hands over only the
   * decoded stream, so it says false, and the suite checks that it reports none rather than a wrong count.
   */
  readonly wireBytes?: boolean;
}

export interface SuiteContext {
  readonly definition: StrategyDefinition;
  /** The concurrency the checks use. */
  readonly concurrency: number;
  readonly maxConcurrency: number;
  readonly wireBytes: boolean;
}

export function suiteContext(definition: StrategyDefinition, options: ConformanceOptions): SuiteContext {
  const maxConcurrency = definition.maxConcurrency ?? Number.POSITIVE_INFINITY;
  const concurrency = Math.min(options.concurrency ?? 4, maxConcurrency);
  return { definition, maxConcurrency, concurrency, wireBytes: options.wireBytes ?? true };
}

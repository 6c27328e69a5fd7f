import type { StrategyDefinition } from '../contract.js';

export interface ConformanceOptions {
  /** Largest concurrency the strategy accepts (sequential: 1). Default: no limit. */
  readonly maxConcurrency?: number;
  /** Concurrency used by the suite's checks, capped by maxConcurrency. Default 4. */
  readonly concurrency?: number;
}

export interface SuiteContext {
  readonly definition: StrategyDefinition;
  /** The concurrency the checks use. */
  readonly concurrency: number;
  readonly maxConcurrency: number;
}

export function suiteContext(definition: StrategyDefinition, options: ConformanceOptions): SuiteContext {
  const maxConcurrency = options.maxConcurrency ?? Number.POSITIVE_INFINITY;
  return { definition, maxConcurrency, concurrency: Math.min(options.concurrency ?? 4, maxConcurrency) };
}

import type { StrategyDefinition } from '@fanout/core';

export interface ConformanceOptions {
  /** Concurrency used by the suite's checks, capped by the definition's maxConcurrency. Default 4. */
  readonly concurrency?: number;
}

export interface SuiteContext {
  readonly definition: StrategyDefinition;
  /** The concurrency the checks use. */
  readonly concurrency: number;
  readonly maxConcurrency: number;
}

export function suiteContext(definition: StrategyDefinition, options: ConformanceOptions): SuiteContext {
  const maxConcurrency = definition.maxConcurrency ?? Number.POSITIVE_INFINITY;
  return { definition, maxConcurrency, concurrency: Math.min(options.concurrency ?? 4, maxConcurrency) };
}

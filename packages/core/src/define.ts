import { CONTRACT_VERSION, type CreateStrategy, type StrategyDefinition } from './contract.js';
import { errors } from './errors.js';
import { parseStrategyOptions } from './options.js';
import { strategyNameProblem } from './strategy-name.js';
import { show } from './validation.js';

export interface StrategySpec {
  readonly name: string;
  /** Largest concurrency create() accepts; larger values are refused as UNSUPPORTED. */
  readonly maxConcurrency?: number;
  readonly create: CreateStrategy;
}

/**
 * Declares a strategy: every strategy validates its options the same way and
 * states the contract version it was built against; its name follows the one rule (strategy-name.ts).
 */
export function defineStrategy(spec: StrategySpec): StrategyDefinition {
  const { name, maxConcurrency } = spec;
  const problem = strategyNameProblem(name);
  if (problem) throw errors.invalidOptions(`strategy name ${show(name)} ${problem}`);
  if (maxConcurrency !== undefined && !(Number.isInteger(maxConcurrency) && maxConcurrency >= 1)) {
    throw errors.invalidOptions(`${name}: maxConcurrency must be a whole number of at least 1, got ${maxConcurrency}`);
  }
  return {
    contractVersion: CONTRACT_VERSION,
    name,
    ...(maxConcurrency === undefined ? {} : { maxConcurrency }),
    create: async (options: unknown) => {
      const parsed = parseStrategyOptions(options);
      if (maxConcurrency !== undefined && parsed.concurrency > maxConcurrency) {
        throw errors.unsupported(`${name} runs at most ${maxConcurrency} job(s) at a time, got ${parsed.concurrency}`);
      }
      return spec.create(parsed);
    },
  };
}
